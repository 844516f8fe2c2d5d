import { QueryProvider } from "@/components/query-provider";
import { AppShell } from "@/components/shell/app-shell";
import { InterHubBanner } from "@/components/ui/inter-hub-banner";
import { requireUser } from "@/lib/auth/session";
import { getHubSlug, interHubMode } from "@/lib/interhub";

// Every page here is per user and reads live Inter-Hub data: never prerender
// (which would also start the embedded hub inside `next build`).
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <QueryProvider>
      <AppShell user={user} hubLabel={`${getHubSlug()} · ${interHubMode()} Inter-Hub`}>
        <InterHubBanner />
        {children}
      </AppShell>
    </QueryProvider>
  );
}
