import { KEY_LEGEND, type LegendWhen } from "./keys";

/** The keys on screen, smaller than the rest: the presenter needs them, the room can ignore them. */
export function KeyLegend({ applies }: { applies: Record<LegendWhen, boolean> }) {
  const entries = KEY_LEGEND.filter((entry) => applies[entry.when]);
  return (
    <footer className="border-t border-slate-700 px-10 py-2 text-[1.5rem] text-slate-300">
      <h2 className="sr-only">Keyboard</h2>
      <ul className="flex flex-wrap gap-x-7 gap-y-1">
        {entries.map((entry) => (
          <li key={entry.does}>
            {entry.keys.map((key, i) => (
              <span key={key}>
                {i > 0 ? " " : null}
                <kbd className="rounded border border-slate-500 px-1.5 font-mono text-slate-100">
                  {key}
                </kbd>
              </span>
            ))}{" "}
            {entry.does}
          </li>
        ))}
      </ul>
    </footer>
  );
}
