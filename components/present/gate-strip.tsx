import { GATE_STATUS_LOOK } from "@/components/gates/gate-status";
import { Icon } from "@/components/gates/icons";
import type { GateView } from "@/lib/domain/board-view";

/**
 * Every gate of the wave with its status, so the room sees the whole wave;
 * the current one is marked. Names are shown whole (they wrap, never cut).
 */
export function GateStrip({
  gates,
  current,
  holding,
  onSelect,
}: {
  gates: GateView[];
  current: number;
  holding: number;
  onSelect: (index: number) => void;
}) {
  return (
    <nav aria-label="Gates of this wave" className="shrink-0">
      <h2 className="font-semibold">
        Gates of this wave{" "}
        <span className="font-normal text-slate-300">
          · {holding} of {gates.length} hold it
        </span>
      </h2>
      <ol className="mt-1.5 space-y-1">
        {gates.map((gate, i) => {
          const look = GATE_STATUS_LOOK[gate.status];
          return (
            <li key={gate.slug}>
              <button
                type="button"
                onClick={() => onSelect(i)}
                aria-current={i === current ? "step" : undefined}
                className={`flex w-full items-start gap-3 rounded-xl px-3 py-1 text-left leading-tight ${
                  i === current
                    ? "bg-slate-700 ring-4 ring-sky-300"
                    : "ring-1 ring-slate-700 hover:bg-slate-800"
                }`}
              >
                <span className="w-[1.1em] shrink-0 text-right text-slate-300 tabular-nums">
                  {i + 1}
                </span>
                <span
                  className={`mt-[0.05em] inline-flex shrink-0 rounded-full p-[0.12em] ring-2 ring-inset ${look.dark}`}
                >
                  <Icon name={look.icon} />
                </span>
                <span className="min-w-0 font-semibold">
                  {gate.name}
                  <span className="sr-only">, {look.label}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
