import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { setHubFailing } from "@/lib/embedded-hub/faults-switch";
import { getEnv } from "@/lib/env";

// Tests only: an admin makes the embedded hub fail, or recover. Absent (404) unless OPS_HUB_FAULT_INJECTION=on.
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  if (getEnv().OPS_HUB_FAULT_INJECTION !== "on")
    return Response.json({ error: "not_found" }, { status: 404 });
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "unauthenticated" }, { status: 401 });
  if (user.role !== "admin") return Response.json({ error: "forbidden" }, { status: 403 });
  const body = z.object({ failing: z.boolean() }).safeParse(await request.json().catch(() => null));
  if (!body.success)
    return Response.json(
      { error: "invalid_request", message: "failing: a boolean" },
      { status: 400 },
    );
  setHubFailing(body.data.failing);
  return Response.json({ failing: body.data.failing });
}
