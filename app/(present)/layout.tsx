import { requireUser } from "@/lib/auth/session";

// Present mode takes the whole screen: signed in like the app, but without
// its shell. Per user and live data: never prerendered.
export const dynamic = "force-dynamic";

export default async function PresentLayout({ children }: { children: React.ReactNode }) {
  await requireUser();
  return children;
}
