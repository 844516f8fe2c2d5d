import { getBoard } from "@/lib/data/board";
import { toBoardView } from "@/lib/domain/board-view";
import { getCatalogModel } from "@/lib/data/snapshot";
import { lookupScreenLink } from "@/lib/data/screen-links";

// A shared screen's board, polled without signing in (see proxy.ts): the
// token is the credential. 404 for an unknown token, 410 once revoked or
// expired, so the screen stops at its next refresh. Nothing here logs the token.
export const dynamic = "force-dynamic";

const headers = { "cache-control": "private, no-store", "referrer-policy": "no-referrer" };

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const found = await lookupScreenLink((await params).token);
  if (!found) return Response.json({ error: "not_found" }, { status: 404, headers });
  if (found.state !== "active")
    return Response.json({ error: found.state }, { status: 410, headers });
  const board = await getBoard(found.link.waveSlug);
  if (!board) return Response.json({ error: "not_found" }, { status: 404, headers });
  const { index } = await getCatalogModel();
  return Response.json(toBoardView(board, index), { headers });
}
