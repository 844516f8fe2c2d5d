import { getBoard } from "@/lib/data/board";
import { toBoardView } from "@/lib/domain/board-view";
import { getCatalogModel } from "@/lib/data/snapshot";

// A wave's board as JSON, polled by the present mode (signed-in users only: see proxy.ts).
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ wave: string }> }) {
  const board = await getBoard((await params).wave);
  if (!board) return Response.json({ error: "not_found" }, { status: 404 });
  const { index } = await getCatalogModel();
  return Response.json(toBoardView(board, index), {
    headers: { "cache-control": "private, no-store" },
  });
}
