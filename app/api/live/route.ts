import { getSessionUser } from "@/lib/auth/session";
import { changeStreamResponse } from "@/lib/live/change-stream";

// Pushes "a hub changed" to a signed-in user's open pages (lib/live/change-stream.ts).
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  // The proxy already demands a session; checked again so the route is safe on its own.
  if (!(await getSessionUser()))
    return Response.json(
      { error: "unauthenticated" },
      { status: 401, headers: { "cache-control": "private, no-store" } },
    );
  return changeStreamResponse(request);
}
