export const DAY_MS = 86_400_000;

/** An instant as people read it in ops-hub: "2026-11-29 10:04 UTC". */
export function utcMinute(at: string | Date): string {
  const iso = typeof at === "string" ? at : at.toISOString();
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * The clock as one derivation reads it: a Date that also keeps the earliest
 * instant at which something read against it would read differently. The
 * read model derives a row with one and derives the row again at that
 * instant, instead of re-deriving every row on a timer.
 */
export class ClockReading extends Date {
  /** Epoch ms from which an answer given against this reading may change; Infinity when none can. */
  changesAt = Number.POSITIVE_INFINITY;
}

/**
 * Whether `now` is past `instant` (epoch ms). When it is not yet, a
 * ClockReading notes the millisecond at which it will be.
 */
export function isPast(now: Date, instant: number): boolean {
  if (now.getTime() > instant) return true;
  if (now instanceof ClockReading) now.changesAt = Math.min(now.changesAt, instant + 1);
  return false;
}
