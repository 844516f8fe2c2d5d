import { ageLabel } from "@/lib/domain/evidence";
import { utcMinute } from "@/lib/domain/time";

/**
 * When a signal was observed, both ways at once: its age ("5 months ago")
 * and its date ("2026-06-15 00:00 UTC"), so nobody has to hover to know.
 */
export function SignalTime({ at, now }: { at: Date | string; now: Date }) {
  const date = typeof at === "string" ? new Date(at) : at;
  return (
    <>
      <time
        dateTime={date.toISOString()}
        title={`${date.toISOString().slice(0, 19).replace("T", " ")} UTC`}
      >
        {ageLabel(date, now)}
      </time>{" "}
      <span className="text-slate-600">({utcMinute(date)})</span>
    </>
  );
}
