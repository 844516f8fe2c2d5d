import { getSessionUser } from "@/lib/auth/session";
import { buildTimeline } from "@/lib/domain/timeline";
import { getTimeline } from "@/lib/data/queries";
import { getCatalogModel } from "@/lib/data/snapshot";

// The evidence timeline of one item, polled by its page: signed-in users only.
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "private, no-store" };

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  // The proxy already demands a session; checked again so the route is safe on its own.
  if (!(await getSessionUser()))
    return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  const row = (await getCatalogModel()).rowBySlug.get((await params).slug);
  if (!row) return Response.json({ error: "not_found" }, { status: 404 });
  const { events, annotations } = await getTimeline(row.widget.id);
  return Response.json(buildTimeline(events, annotations, new Date()), {
    headers: { "cache-control": "no-store" },
  });
}
