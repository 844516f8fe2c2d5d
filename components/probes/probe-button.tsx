"use client";

import { useActionState } from "react";
import { IDLE, isRefused, type FormState } from "@/lib/actions/form-state";
import { probeItemAction, type ProbeOutcome } from "@/lib/actions/probes";

/** "Probe now": runs the item's declared probe and says what it found. */
export function ProbeButton({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<FormState<ProbeOutcome>, FormData>(
    probeItemAction,
    IDLE,
  );
  const failures = state.result?.failures ?? [];
  const tone =
    isRefused(state) || state.result?.outcome === "fail"
      ? "text-red-800"
      : state.result?.outcome === "pass"
        ? "text-emerald-800"
        : "text-slate-700";
  return (
    <form action={action} className="mb-4 flex flex-wrap items-start gap-3 text-sm">
      <input type="hidden" name="slug" value={slug} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? "Probing…" : "Probe now"}
      </button>
      <div role="status" aria-live="polite" className={tone}>
        {state.message ? <p>{state.message}</p> : null}
        {failures.length > 0 ? (
          <ul className="list-disc pl-5">
            {failures.map((failure) => (
              <li key={failure}>{failure}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}
