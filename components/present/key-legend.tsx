import { KEY_LEGEND } from "./keys";

/** The keys on screen, small: the presenter needs them, the room can ignore them. */
export function KeyLegend({ signedIn, review }: { signedIn: boolean; review: boolean }) {
  const entries = KEY_LEGEND.filter(
    (entry) => (!entry.signedIn || signedIn) && (!entry.review || review),
  );
  return (
    <footer className="border-t border-slate-700 px-6 py-3 text-base text-slate-300 lg:px-10">
      <h2 className="sr-only">Keyboard</h2>
      <ul className="flex flex-wrap gap-x-6 gap-y-1">
        {entries.map((entry) => (
          <li key={entry.does}>
            {entry.keys.map((key, i) => (
              <span key={key}>
                {i > 0 ? " / " : null}
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
