import { getSessionUser } from "@/lib/auth/session";
import { getBoard } from "@/lib/data/board";
import { toBoardView } from "@/lib/domain/board-view";
import { getCatalogModel } from "@/lib/data/snapshot";

// A wave's board as JSON, polled by the present mode: signed-in users only.
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "private, no-store" };

export async function GET(_request: Request, { params }: { params: Promise<{ wave: string }> }) {
  // The proxy already demands a session; checked again so the route is safe on its own.
  if (!(await getSessionUser()))
    return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  const board = await getBoard((await params).wave);
  if (!board) return Response.json({ error: "not_found" }, { status: 404 });
  const { index } = await getCatalogModel();
  return Response.json(toBoardView(board, index), { headers: NO_STORE });
}
