"use client";

import { useEffect, useRef } from "react";
import type { GateView } from "@/lib/domain/board-view";
import { ageLabel } from "@/lib/domain/evidence";
import { Icon } from "@/components/gates/icons";
import { clockUtc } from "./format";
import { CheckMark, StatusPill, VerdictMark } from "./marks";

const exact = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

/** Why the gate has its status: each requirement with the evidence that decided it, its age and observer. */
export function ProvenanceDialog({
  gate,
  now,
  open,
  onClose,
}: {
  gate: GateView;
  now: string;
  open: boolean;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const at = new Date(now);

  return (
    <dialog
      ref={ref}
      aria-labelledby="provenance-title"
      // Esc closes through the parent's state, at once. Left to the native
      // close, the state followed a task later, and a key pressed in between
      // to open it again was undone (a race present.spec lost under load).
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto max-h-[90dvh] w-[min(80rem,95vw)] rounded-2xl border border-slate-500 bg-slate-900 p-0 text-slate-50 backdrop:bg-black/75"
    >
      {open ? (
        <div className="p-6 lg:p-8">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div>
              <p className="text-lg text-slate-300">Provenance, as of {clockUtc(now)}</p>
              <h2 id="provenance-title" className="text-3xl font-bold">
                {gate.name}
              </h2>
            </div>
            <button
              type="button"
              onClick={onClose}
              className="rounded-xl border-2 border-slate-400 px-4 py-1.5 text-xl font-semibold hover:bg-slate-800"
            >
              Close <span aria-hidden="true">(Esc)</span>
            </button>
          </div>
          <p className="mt-4 flex flex-wrap items-center gap-3 text-xl">
            Status <StatusPill status={gate.status} /> from the evidence{" "}
            <StatusPill status={gate.evidenceStatus} />
          </p>
          {gate.evidenceRequirement ? (
            <p className="mt-3 text-xl">
              <span className="text-slate-300">Requires: </span>
              {gate.evidenceRequirement}
            </p>
          ) : null}
          {gate.ruleProblem ? (
            <p className="mt-3 text-xl text-amber-200">{gate.ruleProblem}</p>
          ) : null}
          <ol className="mt-6 space-y-6">
            {gate.requirements.map((r, i) => (
              <li key={`${i}-${r.label}`} className="rounded-xl border border-slate-600 p-4">
                <h3 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
                  <CheckMark check={r.check} />
                  {r.label}
                </h3>
                <p className="mt-1 text-lg text-slate-300">{r.detail}</p>
                {r.evidence.length > 0 ? (
                  <table className="mt-3 w-full text-left text-lg">
                    <caption className="sr-only">Evidence deciding “{r.label}”</caption>
                    <thead className="text-base text-slate-300">
                      <tr>
                        <th scope="col" className="py-1 pr-4 font-medium">
                          Evidence
                        </th>
                        <th scope="col" className="py-1 pr-4 font-medium">
                          Item
                        </th>
                        <th scope="col" className="py-1 pr-4 font-medium">
                          Outcome
                        </th>
                        <th scope="col" className="py-1 pr-4 font-medium">
                          Observed
                        </th>
                        <th scope="col" className="py-1 font-medium">
                          Observer
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-700">
                      {r.evidence.map((e) => (
                        <tr key={e.id}>
                          <td className="py-1 pr-4 font-mono text-base">{e.type}</td>
                          <td className="py-1 pr-4">{e.itemName ?? e.itemSlug ?? "—"}</td>
                          <td className="py-1 pr-4">
                            {e.outcome === "pass" ? (
                              <CheckMark check="holds" />
                            ) : e.outcome === "fail" ? (
                              <CheckMark check="fails" />
                            ) : (
                              "—"
                            )}
                          </td>
                          <td className="py-1 pr-4">
                            <time dateTime={e.at} title={exact(e.at)}>
                              {ageLabel(new Date(e.at), at)}
                            </time>
                            <span className="block text-base text-slate-300">{exact(e.at)}</span>
                          </td>
                          <td className="py-1">{e.observer ?? "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p className="mt-3 text-lg text-slate-200">No evidence recorded for it.</p>
                )}
              </li>
            ))}
          </ol>
          {gate.verdict ? (
            <p className="mt-6 flex flex-wrap items-center gap-3 text-xl">
              Latest reviewer verdict <VerdictMark verdict={gate.verdict.verdict} />
              {gate.verdict.reviewer ? `by ${gate.verdict.reviewer}` : null},{" "}
              {exact(gate.verdict.at)}
              {gate.verdict.note ? `: “${gate.verdict.note}”` : null}
            </p>
          ) : null}
          {gate.drift ? (
            <p className="mt-3 text-xl text-amber-200">
              <Icon name="drift" /> Drift: {gate.drift}
            </p>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
