import { AppShell } from "@/components/shell/app-shell";
import { HubSwitcher } from "@/components/shell/hub-switcher";
import { InterHubBanner } from "@/components/shell/inter-hub-banner";
import { requireUser } from "@/lib/auth/session";
import { getCurrentHubSlug, interHubMode, listAppHubs } from "@/lib/interhub";

// Every page here is per user and reads live Inter-Hub data: never prerender
// (which would also start the embedded hub inside `next build`).
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [hub, hubs] = await Promise.all([getCurrentHubSlug(), listAppHubs()]);
  return (
    <AppShell
      user={user}
      hubLabel={`${hub} · ${interHubMode()} Inter-Hub`}
      hubSwitcher={hubs.length > 1 ? <HubSwitcher hubs={hubs} current={hub} /> : null}
    >
      <InterHubBanner />
      {children}
    </AppShell>
  );
}
