"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { hasRole } from "@/lib/domain/roles";
import { getSessionUser } from "@/lib/auth/session";
import { probeItemNow } from "./server";

/**
 * "Probe now" on an item page, a public POST endpoint like any action:
 * authenticate → operator or higher → parse → probe and record → revalidate.
 * The prober's identity comes from the session, never from the form.
 */
export type ProbeItemState = {
  status?: "pass" | "fail" | "error";
  message?: string;
  failures?: string[];
};

const ProbeItem = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .max(120),
});

export async function probeItemAction(
  _previous: ProbeItemState,
  form: FormData,
): Promise<ProbeItemState> {
  const user = await getSessionUser();
  if (!user)
    return { status: "error", message: "Your session has ended. Sign in again, then retry." };
  if (!hasRole(user.role, "operator"))
    return { status: "error", message: "Only operators, approvers and admins may run probes." };
  const parsed = ProbeItem.safeParse({ slug: form.get("slug") });
  if (!parsed.success) return { status: "error", message: "Which item? Reload the page." };

  const results = await probeItemNow(parsed.data.slug, { id: user.id, name: user.name });
  if (!results) return { status: "error", message: "This item declares no probe." };
  revalidatePath(`/catalog/${parsed.data.slug}`);

  const failures = results.flatMap((result) => result.verdict.failures);
  const unrecorded = results.find((result) => result.recordError);
  const observed = results
    .map((r) => `${r.observation.status ?? "no answer"} in ${r.observation.latencyMs} ms`)
    .join(", ");
  if (unrecorded)
    return {
      status: "error",
      message: `Probed (${observed}), but Inter-Hub did not record it: ${unrecorded.recordError}. Try again in a moment.`,
      failures,
    };
  const outcome = failures.length === 0 ? "pass" : "fail";
  return {
    status: outcome,
    message: `Probe ${outcome === "pass" ? "passed" : "failed"} (${observed}); recorded as evidence.`,
    failures,
  };
}
