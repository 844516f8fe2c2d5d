import { getSessionUser } from "@/lib/auth/session";
import { getBoard } from "@/lib/data/board";
import { boardMarkdown } from "@/lib/domain/board-export";
import { toBoardView } from "@/lib/domain/board-view";
import { getCatalogModel } from "@/lib/data/snapshot";

// A wave's readiness as Markdown or JSON, optionally as of an instant: signed-in users only.
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "private, no-store" };

export async function GET(request: Request, { params }: { params: Promise<{ wave: string }> }) {
  // The proxy already demands a session; checked again so the route is safe on its own.
  if (!(await getSessionUser()))
    return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "md";
  const asOfParam = url.searchParams.get("asOf");
  const asOf = asOfParam ? new Date(asOfParam) : undefined;
  if ((format !== "md" && format !== "json") || (asOf && Number.isNaN(asOf.getTime()))) {
    return Response.json(
      { error: "invalid_request", message: "format must be md or json; asOf an ISO 8601 time" },
      { status: 400 },
    );
  }
  const slug = (await params).wave;
  const board = await getBoard(slug, asOf);
  if (!board) return Response.json({ error: "not_found" }, { status: 404 });
  const view = toBoardView(board, (await getCatalogModel()).index);
  if (format === "json") return Response.json(view);
  return new Response(boardMarkdown(view), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="OpsHubReadinessGates-${slug}.md"`,
    },
  });
}
