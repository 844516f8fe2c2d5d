import { GATE_STATUS_LOOK } from "@/components/gates/gate-status";
import type { AcceptanceView, BoardView } from "@/lib/domain/board-view";
import { countdown, dayUtc } from "./format";

/** The wave at a glance: what holds it, what risks are accepted, and which acceptances run out soon. */
export function WaveStatus({ board }: { board: BoardView }) {
  const gateName = (slug: string) => board.gates.find((g) => g.slug === slug)?.name ?? slug;
  const holding = board.gates.filter((g) => board.holding.includes(g.slug));
  const acceptance = (a: AcceptanceView) => (
    <>
      <strong>{a.risk ?? "Risk"}</strong> covers {a.covers.map(gateName).join(", ")}
      <span className="block text-lg">
        {countdown(a.expiresAt, board.now)} (until {dayUtc(a.expiresAt)}), accepted by{" "}
        {a.acceptedBy}
      </span>
    </>
  );
  return (
    <div className="space-y-6">
      <section aria-labelledby="wave-holds">
        <h2 id="wave-holds" className="text-2xl font-semibold">
          {board.go ? "Nothing holds the wave" : "What holds the wave"}
        </h2>
        {holding.length > 0 ? (
          <ul className="mt-2 space-y-1 text-lg">
            {holding.map((g) => (
              <li key={g.slug} className="truncate" title={g.name}>
                <span aria-hidden="true">{GATE_STATUS_LOOK[g.status].icon} </span>
                <span className="font-semibold">{GATE_STATUS_LOOK[g.status].label}</span>: {g.name}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-xl text-slate-200">Every gate is passed or risk-accepted.</p>
        )}
      </section>
      <section aria-labelledby="wave-risks">
        <h2 id="wave-risks" className="text-2xl font-semibold">
          Accepted risks
        </h2>
        {board.acceptances.length > 0 ? (
          <ul className="mt-2 space-y-2 text-xl">
            {board.acceptances.map((a) => (
              <li key={a.id}>
                <span aria-hidden="true">⚑ </span>
                {acceptance(a)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-xl text-slate-200">No risk is accepted on this wave.</p>
        )}
      </section>
      <section aria-labelledby="wave-expiring">
        <h2 id="wave-expiring" className="text-2xl font-semibold">
          Expiring within 14 days
        </h2>
        {board.expiringSoon.length > 0 ? (
          <ul className="mt-2 space-y-2">
            {board.expiringSoon.map((a) => (
              <li
                key={a.id}
                className="rounded-xl border-2 border-amber-400 bg-amber-950 p-3 text-xl text-amber-50"
              >
                <span aria-hidden="true">◷ </span>
                {acceptance(a)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-xl text-slate-200">No acceptance expires within 14 days.</p>
        )}
      </section>
    </div>
  );
}
