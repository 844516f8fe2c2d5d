import { getSessionUser } from "@/lib/auth/session";
import { InterHubError } from "@/lib/interhub/errors";
import { searchCatalog, searchParamsSchema, type SearchResponse } from "@/lib/domain/search";
import { getCatalogModel } from "@/lib/data/snapshot";

// The command palette's read: per user, never cached by anyone in between.
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "private, no-store" };

export async function GET(request: Request) {
  // The proxy already demands a session; checked again so the route is safe on its own.
  if (!(await getSessionUser()))
    return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });

  const params = new URL(request.url).searchParams;
  const { q, types } = searchParamsSchema.parse({
    q: params.get("q") ?? undefined,
    types: params.get("types") ?? undefined,
  });
  try {
    const model = await getCatalogModel();
    const body: SearchResponse = { query: q, hits: searchCatalog(model.rows, q, { types }) };
    return Response.json(body, { headers: NO_STORE });
  } catch (error) {
    // Typed Inter-Hub messages are safe to show; anything else stays in the server log.
    if (!(error instanceof InterHubError)) throw error;
    return Response.json(
      { error: error.code, message: error.message },
      { status: 502, headers: NO_STORE },
    );
  }
}
