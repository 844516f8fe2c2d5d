import { checkReadiness } from "@/lib/data/readiness";

// Readiness: the database and Inter-Hub answer. 503 names what does not.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkReadiness();
  return Response.json(report, {
    status: report.ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
