import type { Metadata } from "next";
import { gateIndex } from "@/components/present/format";
import { PresentView } from "@/components/present/present-view";
import { ScreenGone } from "@/components/present/screen-gone";
import { getBoard } from "@/lib/data/board";
import { toBoardView } from "@/lib/domain/board-view";
import { getCatalogModel } from "@/lib/data/snapshot";
import { lookupScreenLink } from "@/lib/data/screen-links";

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ gate?: string | string[] }>;
};

// A shared screen: no sign-in (proxy.ts lets /screen/<token> through), the
// token is the credential. It shows one wave's present view, read-only, and
// never sends its address (the token) on as a referrer. proxy.ts sets the
// status of a gone link's page (404 unknown, 410 revoked or expired).
export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Shared screen",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function ScreenPage({ params, searchParams }: Props) {
  const { token } = await params;
  const found = await lookupScreenLink(token);
  if (!found) return <ScreenGone reason="unknown" />;
  if (found.state !== "active") return <ScreenGone reason={found.state} />;
  const board = await getBoard(found.link.waveSlug);
  if (!board) return <ScreenGone reason="unknown" />;
  const view = toBoardView(board, (await getCatalogModel()).index);
  return (
    <PresentView
      initial={view}
      endpoint={`/api/screen/${encodeURIComponent(token)}`}
      queryKey={["screen", token]}
      initialGate={gateIndex((await searchParams).gate, view.gates.length)}
      mode="screen"
    />
  );
}
