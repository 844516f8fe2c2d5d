import type { GateView } from "@/lib/domain/board-view";
import { ageLabel } from "@/lib/domain/evidence";
import { countdown } from "./format";
import { CheckMark, Kbd, Notice, StatusPill, VerdictMark } from "./marks";

/** More requirements than this are counted, and shown in full in the provenance (Enter). */
const REQUIREMENTS_SHOWN = 3;

/**
 * The current gate, large: status, owner, requirement, evidence age, and the
 * verdict beside the evidence. What does not fit the screen is clipped to a
 * few lines here and shown whole in the provenance, one key away.
 */
export function GateDetail({
  gate,
  position,
  count,
  now,
  onProvenance,
  acceptRisk,
}: {
  gate: GateView;
  position: number;
  count: number;
  now: string;
  onProvenance: () => void;
  /** "Accept risk…" for this gate, when the user may and the gate needs it. */
  acceptRisk?: React.ReactNode;
}) {
  const at = new Date(now);
  const shown = gate.requirements.slice(0, REQUIREMENTS_SHOWN);
  const more = gate.requirements.length - shown.length;
  return (
    <section
      aria-label="Current gate"
      className="flex min-h-0 min-w-0 flex-1 flex-col gap-3 overflow-hidden"
    >
      <div className="flex shrink-0 flex-wrap items-center gap-x-6 gap-y-2">
        <p className="flex-1 text-slate-300">
          Gate {position} of {count}
          {gate.ownerRepo ? (
            <>
              {" "}
              · owner <span className="font-mono text-slate-50">{gate.ownerRepo}</span>
            </>
          ) : null}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={onProvenance}
            aria-keyshortcuts="Enter p"
            className="rounded-xl border-2 border-slate-400 px-4 py-0.5 font-semibold whitespace-nowrap hover:bg-slate-800"
          >
            Show provenance
            <Kbd>Enter</Kbd>
          </button>
          {acceptRisk}
        </div>
      </div>
      <h2 id="current-gate" className="shrink-0 text-[3.5rem] leading-[1.1] font-bold">
        {gate.name}
      </h2>
      <div className="flex shrink-0 flex-wrap items-center gap-x-6 gap-y-2">
        <StatusPill status={gate.status} large />
        <p className="text-slate-200">
          {gate.newest
            ? `newest evidence ${ageLabel(new Date(gate.newest), at)}`
            : gate.evidenceStatus === "passed"
              ? "decided by the catalog, not by events"
              : "no evidence recorded"}
        </p>
      </div>
      {gate.evidenceRequirement ? (
        <p className="line-clamp-2 shrink-0 text-slate-100">
          <span className="text-slate-300">Requires: </span>
          {gate.evidenceRequirement}
        </p>
      ) : null}
      {gate.ruleProblem ? (
        <Notice icon="warning" tone="amber">
          {gate.ruleProblem}
        </Notice>
      ) : null}
      {gate.drift ? (
        <Notice icon="drift" tone="amber">
          <strong>Drift:</strong> {gate.drift}
        </Notice>
      ) : null}
      {gate.blockers.length > 0 ? (
        <section aria-labelledby="gate-blockers" className="shrink-0">
          <h3 id="gate-blockers" className="sr-only">
            Blockers on this gate ({gate.blockers.length})
          </h3>
          <ul className="space-y-1.5">
            {gate.blockers.map((b) => (
              <li key={b.id}>
                <Notice icon="blocked" tone="red">
                  <span className="line-clamp-2">Blocker: {b.body}</span>
                </Notice>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {gate.acceptances.length > 0 ? (
        <section aria-labelledby="gate-risks" className="shrink-0">
          <h3 id="gate-risks" className="sr-only">
            Risks accepted on this gate
          </h3>
          <ul className="space-y-1.5">
            {gate.acceptances.map((a) => (
              <li key={a.id}>
                <Notice icon="flag" tone="sky">
                  <span className="line-clamp-2">
                    <strong>{a.risk ?? "Risk"}</strong>: {a.justification} (accepted by{" "}
                    {a.acceptedBy}; {countdown(a.expiresAt, now)})
                  </span>
                </Notice>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="grid min-h-0 grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-5">
        <section
          aria-labelledby="evidence-says"
          className="min-h-0 overflow-hidden rounded-2xl border border-slate-600 bg-slate-900 px-5 py-3"
        >
          <h3 id="evidence-says" className="flex flex-wrap items-center gap-3 text-slate-300">
            The evidence says <StatusPill status={gate.evidenceStatus} />
          </h3>
          <ul className="mt-2 space-y-2">
            {shown.map((r, i) => (
              <li key={`${i}-${r.label}`}>
                <div className="flex items-start gap-3">
                  <CheckMark check={r.check} />
                  <span className="line-clamp-2">{r.label}</span>
                </div>
                <p className="line-clamp-1 text-slate-300">{r.detail}</p>
              </li>
            ))}
          </ul>
          {more > 0 ? (
            <p className="mt-1 text-slate-300">and {more} more: see the provenance (Enter)</p>
          ) : null}
        </section>
        <section
          aria-labelledby="reviewer-says"
          className="min-h-0 overflow-hidden rounded-2xl border border-slate-600 bg-slate-900 px-5 py-3"
        >
          <h3 id="reviewer-says" className="text-slate-300">
            The reviewer says
          </h3>
          {gate.verdict ? (
            <>
              <p className="mt-2 flex flex-wrap items-center gap-3">
                <VerdictMark verdict={gate.verdict.verdict} large />
                <span className="text-slate-200">
                  {gate.verdict.reviewer ? `by ${gate.verdict.reviewer}, ` : null}
                  {ageLabel(new Date(gate.verdict.at), at)}
                </span>
              </p>
              {gate.verdict.note ? (
                <blockquote className="mt-2 line-clamp-3 border-l-4 border-slate-500 pl-4 whitespace-pre-wrap">
                  {gate.verdict.note}
                </blockquote>
              ) : null}
            </>
          ) : (
            <p className="mt-2 text-slate-200">No verdict recorded yet.</p>
          )}
        </section>
      </div>
    </section>
  );
}
