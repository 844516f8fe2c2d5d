import { getEmbeddedHub } from "@/lib/embedded-hub/instance";
import { interHubMode } from "@/lib/interhub";

// The embedded Inter-Hub v2 API under `next dev` (the production server hands
// /api/v2 to the hub before Next; see scripts/ops-hub-server.mjs). Absent (404)
// when a remote Inter-Hub is configured.
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  if (interHubMode() === "remote") {
    return Response.json(
      { error: "not_found", message: "ops-hub uses a remote Inter-Hub" },
      { status: 404 },
    );
  }
  return (await getEmbeddedHub()).serveHttp(request);
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE };
