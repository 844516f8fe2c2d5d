import { ageLabel } from "@/lib/domain/evidence";

/** "3 days ago", with the exact UTC time shown on hover and on keyboard focus. */
export function RelativeTime({
  at,
  now,
  prefix,
  compact = false,
}: {
  at: Date | string;
  now: Date;
  prefix?: string;
  /** In long lists: the exact time on hover only, to keep pages small. */
  compact?: boolean;
}) {
  const date = typeof at === "string" ? new Date(at) : at;
  const exact = `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  if (compact) {
    return (
      <time dateTime={date.toISOString()} title={exact}>
        {prefix ? `${prefix} ` : null}
        {ageLabel(date, now)}
      </time>
    );
  }
  return (
    <time
      dateTime={date.toISOString()}
      title={exact}
      tabIndex={0}
      className="group relative cursor-help underline decoration-dotted underline-offset-2"
    >
      {prefix ? `${prefix} ` : null}
      {ageLabel(date, now)}
      <span className="pointer-events-none invisible absolute top-full left-0 z-10 mt-1 rounded bg-slate-900 px-2 py-1 text-xs whitespace-nowrap text-white group-hover:visible group-focus:visible">
        {exact}
      </span>
    </time>
  );
}
