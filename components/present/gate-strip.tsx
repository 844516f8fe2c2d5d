import type { GateView } from "@/lib/domain/board-view";
import { StatusPill } from "./marks";

/** Every gate of the wave with its status, so the room sees the whole wave; the current one is marked. */
export function GateStrip({
  gates,
  current,
  onSelect,
}: {
  gates: GateView[];
  current: number;
  onSelect: (index: number) => void;
}) {
  return (
    <nav aria-label="Gates of this wave" className="border-t border-slate-700 px-6 py-4 lg:px-10">
      <ol className="grid grid-cols-2 gap-3 md:grid-cols-4 2xl:grid-cols-8">
        {gates.map((gate, i) => (
          <li key={gate.slug}>
            <button
              type="button"
              onClick={() => onSelect(i)}
              aria-current={i === current ? "step" : undefined}
              className={`flex h-full w-full flex-col items-start gap-1 rounded-xl p-3 text-left ${
                i === current
                  ? "bg-slate-700 ring-4 ring-sky-300"
                  : "bg-slate-900 ring-1 ring-slate-600 hover:bg-slate-800"
              }`}
            >
              <span className="text-base text-slate-300">
                Gate {i + 1}
                {i === current ? (
                  <span className="font-semibold text-sky-200"> · showing</span>
                ) : null}
              </span>
              <span className="line-clamp-2 text-lg leading-snug font-semibold">{gate.name}</span>
              <span className="mt-auto pt-1">
                <StatusPill status={gate.status} />
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
