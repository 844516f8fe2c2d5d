import { GateStatusBadge } from "@/components/gates/gate-status";
import type { GateView } from "@/lib/domain/board-view";
import { ageLabel } from "@/lib/domain/evidence";
import { countdown, dayUtc } from "./format";
import { CheckMark, Kbd, StatusPill, VerdictMark } from "./marks";

/** The current gate, large: status, owner, requirement, evidence age, and the verdict beside the evidence. */
export function GateDetail({
  gate,
  position,
  count,
  now,
  onProvenance,
}: {
  gate: GateView;
  position: number;
  count: number;
  now: string;
  onProvenance: () => void;
}) {
  const at = new Date(now);
  return (
    <section aria-label="Current gate" className="min-w-0">
      <p className="text-xl text-slate-300">
        Gate {position} of {count}
        {gate.ownerRepo ? (
          <>
            {" "}
            · owner repo <span className="font-mono text-slate-50">{gate.ownerRepo}</span>
          </>
        ) : null}
      </p>
      <h2 id="current-gate" className="mt-1 text-4xl leading-tight font-bold 2xl:text-6xl">
        {gate.name}
      </h2>
      <div className="mt-5 flex flex-wrap items-center gap-x-6 gap-y-3">
        <GateStatusBadge status={gate.status} theme="dark" size="lg" />
        <p className="text-2xl text-slate-200">
          {gate.newest
            ? `newest evidence ${ageLabel(new Date(gate.newest), at)}`
            : gate.evidenceStatus === "passed"
              ? "decided by the catalog, not by events"
              : "no evidence recorded"}
        </p>
      </div>
      {gate.evidenceRequirement ? (
        <p className="mt-5 max-w-5xl text-2xl leading-snug text-slate-100">
          <span className="text-slate-300">Requires: </span>
          {gate.evidenceRequirement}
        </p>
      ) : null}
      {gate.ruleProblem ? (
        <p className="mt-4 rounded-xl border-2 border-amber-400 bg-amber-950 p-4 text-xl text-amber-50">
          <span aria-hidden="true">⚠ </span>
          {gate.ruleProblem}
        </p>
      ) : null}

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section
          aria-labelledby="evidence-says"
          className="rounded-2xl border border-slate-600 bg-slate-900 p-5"
        >
          <h3 id="evidence-says" className="text-xl font-semibold text-slate-300">
            The evidence says
          </h3>
          <p className="mt-3">
            <StatusPill status={gate.evidenceStatus} />
          </p>
          <ul className="mt-4 space-y-3">
            {gate.requirements.map((r, i) => (
              <li key={`${i}-${r.label}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <CheckMark check={r.check} />
                  <span className="text-xl">{r.label}</span>
                </div>
                <p className="mt-1 text-lg text-slate-300">{r.detail}</p>
              </li>
            ))}
          </ul>
        </section>
        <section
          aria-labelledby="reviewer-says"
          className="rounded-2xl border border-slate-600 bg-slate-900 p-5"
        >
          <h3 id="reviewer-says" className="text-xl font-semibold text-slate-300">
            The reviewer says
          </h3>
          {gate.verdict ? (
            <>
              <p className="mt-3">
                <VerdictMark verdict={gate.verdict.verdict} large />
              </p>
              <p className="mt-3 text-lg text-slate-200">
                {gate.verdict.reviewer ? `by ${gate.verdict.reviewer}, ` : null}
                {ageLabel(new Date(gate.verdict.at), at)}
              </p>
              {gate.verdict.note ? (
                <blockquote className="mt-3 border-l-4 border-slate-500 pl-4 text-xl whitespace-pre-wrap">
                  {gate.verdict.note}
                </blockquote>
              ) : null}
            </>
          ) : (
            <p className="mt-3 text-xl text-slate-200">No verdict recorded yet.</p>
          )}
        </section>
      </div>
      {gate.drift ? (
        <p className="mt-6 rounded-2xl border-2 border-amber-400 bg-amber-950 p-4 text-2xl text-amber-50">
          <span aria-hidden="true">⚠ </span>
          <strong>Drift:</strong> {gate.drift}
        </p>
      ) : null}

      {gate.blockers.length > 0 ? (
        <section aria-labelledby="gate-blockers" className="mt-6">
          <h3 id="gate-blockers" className="text-2xl font-semibold">
            Blockers on this gate ({gate.blockers.length})
          </h3>
          <ul className="mt-2 space-y-2">
            {gate.blockers.map((b) => (
              <li
                key={b.id}
                className="rounded-xl border-2 border-red-400 bg-red-950 p-3 text-xl text-red-50"
              >
                <span aria-hidden="true">⛔ </span>
                {b.body} <span className="text-lg text-red-200">(since {dayUtc(b.at)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {gate.acceptances.length > 0 ? (
        <section aria-labelledby="gate-risks" className="mt-6">
          <h3 id="gate-risks" className="text-2xl font-semibold">
            Risks accepted on this gate
          </h3>
          <ul className="mt-2 space-y-2">
            {gate.acceptances.map((a) => (
              <li
                key={a.id}
                className="rounded-xl border-2 border-sky-400 bg-sky-950 p-3 text-xl text-sky-50"
              >
                <span aria-hidden="true">⚑ </span>
                <strong>{a.risk ?? "Risk"}</strong>: {a.justification}{" "}
                <span className="text-lg text-sky-100">
                  (accepted by {a.acceptedBy}; {countdown(a.expiresAt, now)}, until{" "}
                  {dayUtc(a.expiresAt)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <button
        type="button"
        onClick={onProvenance}
        aria-keyshortcuts="Enter p"
        className="mt-6 rounded-xl border-2 border-slate-400 px-5 py-2 text-xl font-semibold hover:bg-slate-800"
      >
        Show provenance
        <Kbd>Enter</Kbd>
      </button>
    </section>
  );
}
