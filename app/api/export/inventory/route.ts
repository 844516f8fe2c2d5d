import { getSessionUser } from "@/lib/auth/session";
import { inventoryJson, inventoryMarkdown } from "@/lib/domain/inventory-export";
import { getCatalogModel } from "@/lib/data/snapshot";

// The inventory as Markdown or JSON: signed-in users only.
export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "private, no-store" };

export async function GET(request: Request) {
  // The proxy already demands a session; checked again so the route is safe on its own.
  if (!(await getSessionUser()))
    return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  const format = new URL(request.url).searchParams.get("format") ?? "md";
  if (format !== "md" && format !== "json") {
    return Response.json(
      { error: "invalid_request", message: "format must be md or json" },
      { status: 400 },
    );
  }
  const model = await getCatalogModel();
  const day = model.now.toISOString().slice(0, 10);
  if (format === "json") {
    return Response.json(inventoryJson(model), {
      headers: { "content-disposition": `attachment; filename="ops-hub-inventory-${day}.json"` },
    });
  }
  return new Response(inventoryMarkdown(model), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="OpsHubInventory-${day}.md"`,
    },
  });
}
