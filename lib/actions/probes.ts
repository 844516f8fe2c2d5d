"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SLUG } from "@/lib/domain/slug";
import { getCurrentHubSlug } from "@/lib/interhub";
import { probeItemNow } from "@/lib/probes/server";
import type { FormState } from "./form-state";
import { done, failed, readForm, requireRole } from "./kit";

/**
 * "Probe now" on an item page: operator or higher → parse → probe and record
 * in the hub the user is looking at → revalidate. The prober's identity comes
 * from the session, never from the form.
 */
export type ProbeOutcome = { outcome: "pass" | "fail"; failures: string[] };

const ProbeItem = z.object({ slug: z.string().max(120).regex(SLUG) });

export async function probeItemAction(
  _previous: FormState<ProbeOutcome>,
  form: FormData,
): Promise<FormState<ProbeOutcome>> {
  const who = await requireRole("operator");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, ProbeItem, { message: "Which item? Reload the page." });
  if (!input.ok) return input.state;
  const { slug } = input.data;

  const results = await probeItemNow(await getCurrentHubSlug(), slug, who.actor);
  if (!results) return failed(form, "This item declares no probe.");
  revalidatePath(`/catalog/${slug}`);

  const failures = results.flatMap((result) => result.verdict.failures);
  const unrecorded = results.find((result) => result.recordError);
  const observed = results
    .map((r) => `${r.observation.status ?? "no answer"} in ${r.observation.latencyMs} ms`)
    .join(", ");
  if (unrecorded)
    return {
      ...failed(
        form,
        `Probed (${observed}), but Inter-Hub did not record it: ${unrecorded.recordError}. Try again in a moment.`,
      ),
      result: { outcome: failures.length === 0 ? "pass" : "fail", failures },
    };
  const outcome = failures.length === 0 ? "pass" : "fail";
  return done(
    `Probe ${outcome === "pass" ? "passed" : "failed"} (${observed}); recorded as evidence.`,
    { result: { outcome, failures } },
  );
}
