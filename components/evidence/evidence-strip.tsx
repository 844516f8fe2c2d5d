import type { StripDay } from "@/lib/domain/evidence";

const COLOURS = { pass: "#059669", fail: "#dc2626", none: "#e2e8f0" } as const;

function summary(days: StripDay[]): string {
  const count = (state: StripDay["state"]) => days.filter((d) => d.state === state).length;
  return `Last ${days.length} days: ${count("pass")} passed, ${count("fail")} failed, ${count("none")} without evidence`;
}

/** Whether any day has something to draw: an empty strip is noise, so callers say so in words. */
export const hasEvidenceDays = (days: StripDay[]) => days.some((day) => day.state !== "none");

/**
 * The last 30 days of evidence as one bar, like a status page's uptime bar.
 * Drawn as a single gradient (runs of equal days merged), so a list of fifty
 * items stays a few kilobytes; the label says the same in words.
 */
export function EvidenceStrip({ days }: { days: StripDay[] }) {
  const stops: string[] = [];
  let start = 0;
  days.forEach((day, index) => {
    const next = days[index + 1];
    if (next && next.state === day.state) return;
    const from = +((start / days.length) * 100).toFixed(1);
    const to = +(((index + 1) / days.length) * 100).toFixed(1);
    stops.push(`${COLOURS[day.state]} ${from}% ${to}%`);
    start = index + 1;
  });
  return (
    <span
      role="img"
      aria-label={summary(days)}
      className="strip"
      style={{ background: `linear-gradient(90deg,${stops.join(",")})` }}
    />
  );
}

/** The same 30 days, one mark per day, each with its date: for an item's own page. */
export function EvidenceDays({ days }: { days: StripDay[] }) {
  return (
    <figure>
      <ol className="flex gap-0.5" aria-label={summary(days)}>
        {days.map((day) => (
          <li
            key={day.day}
            title={`${day.day}: ${day.state === "none" ? "no evidence" : day.state}`}
            className="h-6 flex-1 rounded-sm"
            style={{ background: COLOURS[day.state] }}
          >
            <span className="sr-only">{`${day.day}: ${day.state === "none" ? "no evidence" : day.state}`}</span>
          </li>
        ))}
      </ol>
      <figcaption className="mt-1 flex justify-between text-xs text-slate-500">
        <span>30 days ago</span>
        <span>{summary(days)}</span>
        <span>today</span>
      </figcaption>
    </figure>
  );
}
