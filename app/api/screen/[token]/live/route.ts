import { lookupScreenLink } from "@/lib/data/screen-links";
import { changeStreamResponse } from "@/lib/live/change-stream";

// Pushes "a hub changed" to a shared screen; its token is the credential, as
// for its board (../route.ts). Nothing here logs the token.
export const dynamic = "force-dynamic";

const headers = { "cache-control": "private, no-store", "referrer-policy": "no-referrer" };

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const found = await lookupScreenLink((await params).token);
  if (!found) return Response.json({ error: "not_found" }, { status: 404, headers });
  if (found.state !== "active")
    return Response.json({ error: found.state }, { status: 410, headers });
  return changeStreamResponse(request);
}
