// Liveness: the process answers. Readiness is /api/ready.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
