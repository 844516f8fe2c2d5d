import { Icon } from "@/components/gates/icons";
import type { BoardView } from "@/lib/domain/board-view";
import { countdown, dayUtc } from "./format";

/** Shown on the screen; the board lists every one. */
const SHOWN = 2;

/** The wave's accepted risks, by name, with what they cover and their countdown; those about to expire stand out. */
export function WaveStatus({ board }: { board: BoardView }) {
  const soon = new Set(board.expiringSoon.map((a) => a.id));
  // The ones about to expire first: they need a decision soonest.
  const acceptances = [...board.acceptances].sort(
    (a, b) => Number(soon.has(b.id)) - Number(soon.has(a.id)) || a.daysLeft - b.daysLeft,
  );
  const shown = acceptances.slice(0, SHOWN);
  return (
    <section aria-labelledby="wave-risks" className="min-h-0 flex-1 overflow-hidden">
      <h2 id="wave-risks" className="font-semibold">
        Accepted risks
        {board.expiringSoon.length > 0 ? (
          <span className="font-normal text-amber-200">
            {" "}
            · {board.expiringSoon.length} expiring soon
          </span>
        ) : null}
      </h2>
      {shown.length > 0 ? (
        <ul className="mt-1.5 space-y-1.5">
          {shown.map((a) => (
            <li
              key={a.id}
              className={`flex items-start gap-3 rounded-xl px-3 py-1 leading-tight ${
                soon.has(a.id)
                  ? "border-2 border-amber-400 bg-amber-950 text-amber-50"
                  : "border border-slate-600"
              }`}
            >
              <Icon name={soon.has(a.id) ? "clock" : "flag"} className="mt-[0.1em]" />
              <span className="line-clamp-2 min-w-0" title={`until ${dayUtc(a.expiresAt)}`}>
                <strong>{a.risk ?? "Risk"}</strong> covers {a.coverNames.join(", ")}:{" "}
                {countdown(a.expiresAt, board.now)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-slate-200">No risk is accepted on this wave.</p>
      )}
      {acceptances.length > shown.length ? (
        <p className="mt-1 text-slate-300">
          and {acceptances.length - shown.length} more on the board
        </p>
      ) : null}
    </section>
  );
}
