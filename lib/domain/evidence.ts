import type { InteractionEvent } from "./types";
import { DAY_MS, isPast } from "./time";

/**
 * Evidence: interaction events whose metadata carries an `outcome` of pass or
 * fail; events without one are news, not evidence. A claim is only as good as its
 * age; these windows, per event type, are the one place that says how long a
 * piece of evidence stays fresh.
 */
export type Outcome = "pass" | "fail";
export type EvidenceState = "fresh" | "stale" | "failing" | "none";
export const EVIDENCE_STATES: EvidenceState[] = ["fresh", "stale", "failing", "none"];

export const FRESHNESS_DAYS: Record<string, number> = {
  "ops-endpoint-verified": 1,
  "ops-health-checked": 1,
  "ops-backup-verified": 7,
  "ops-restore-tested": 30,
  "ops-release-observed": 30,
  "ops-runbook-executed": 90,
  "ops-migration-gate-passed": 30,
  "ops-migration-gate-failed": 30,
};
export const DEFAULT_FRESHNESS_DAYS = 7;

export function freshnessDays(eventType: string): number {
  return FRESHNESS_DAYS[eventType] ?? DEFAULT_FRESHNESS_DAYS;
}

/** When the fact was observed: `metadata.observedAt` when given (a seed records an old observation), else when recorded. */
export function observedAt(event: Pick<InteractionEvent, "metadata" | "createdAt">): Date {
  return new Date(observedMs(event));
}

/** observedAt as milliseconds, for code that compares thousands of events (a Date each costs, more so under Next's instrumented Date). */
export function observedMs(event: Pick<InteractionEvent, "metadata" | "createdAt">): number {
  const claimed = event.metadata.observedAt;
  if (typeof claimed === "string") {
    const time = Date.parse(claimed);
    if (Number.isFinite(time)) return time;
  }
  return Date.parse(event.createdAt);
}

export function outcomeOf(event: Pick<InteractionEvent, "metadata">): Outcome | undefined {
  const outcome = event.metadata.outcome;
  return outcome === "pass" || outcome === "fail" ? outcome : undefined;
}

export function observerOf(
  event: Pick<InteractionEvent, "metadata" | "recordedBy">,
): string | undefined {
  const observer = event.metadata.observer;
  if (typeof observer === "string" && observer) return observer;
  if (
    typeof observer === "object" &&
    observer &&
    "name" in observer &&
    typeof observer.name === "string"
  )
    return observer.name;
  return event.recordedBy ?? undefined;
}

export type EvidenceStatus = {
  state: EvidenceState;
  /** The newest piece of evidence, whatever its outcome. */
  newest?: { event: InteractionEvent; at: Date };
  /** The events that decided the state (the failing ones, the stale ones, or all fresh ones). */
  deciding: InteractionEvent[];
};

/**
 * The state of one item from the latest event of each type recorded on it:
 * failing when any latest evidence failed, stale when some passing evidence
 * is past its window, fresh when all of it is within, none without evidence.
 */
export function evidenceStatus(latest: InteractionEvent[], now: Date): EvidenceStatus {
  const evidence = latest.filter((event) => outcomeOf(event));
  if (evidence.length === 0) return { state: "none", deciding: [] };
  const newest = evidence
    .map((event) => ({ event, at: observedAt(event) }))
    .reduce((a, b) => (b.at > a.at ? b : a));
  const failing = evidence.filter((event) => outcomeOf(event) === "fail");
  if (failing.length > 0) return { state: "failing", newest, deciding: failing };
  const stale = evidence.filter((event) => isStale(event, now));
  if (stale.length > 0) return { state: "stale", newest, deciding: stale };
  return { state: "fresh", newest, deciding: evidence };
}

export function isStale(
  event: InteractionEvent,
  now: Date,
  days = freshnessDays(event.type),
): boolean {
  return isPast(now, observedAt(event).getTime() + days * DAY_MS);
}

export type StripDay = { day: string; state: Outcome | "none" };

/** Evidence by day (YYYY-MM-DD): fail wins a day, then pass. */
export type StripDays = Map<string, Outcome>;

/** Folds events into their days; folding one again changes nothing (a day's mark only moves up). */
export function foldDays(into: StripDays, events: Iterable<InteractionEvent>): StripDays {
  for (const event of events) {
    const outcome = outcomeOf(event);
    if (!outcome) continue;
    const day = observedAt(event).toISOString().slice(0, 10);
    if (into.get(day) !== "fail") into.set(day, outcome);
  }
  return into;
}

/** How many days an evidence strip shows. */
export const STRIP_DAYS = 30;

/** One mark per day for the last `days` days, oldest first. */
export function dailyStrip(byDay: StripDays, now: Date, days = STRIP_DAYS): StripDay[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) => {
    const day = new Date(today - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10);
    return { day, state: byDay.get(day) ?? "none" };
  });
}

/** "just now", "5 minutes ago", "3 days ago", "5 months ago". */
export function ageLabel(from: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  const units: [number, string][] = [
    [365 * 86_400, "year"],
    [30 * 86_400, "month"],
    [86_400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  const chosen = units.findIndex(([size]) => seconds >= size);
  // When the label next reads differently: the shown unit's next count, or a
  // larger unit's first (a year is not twelve months). Noted by a ClockReading.
  for (const [size] of units.slice(0, chosen < 0 ? units.length : chosen + 1)) {
    const next = (Math.floor(seconds / size) + 1) * size;
    // `seconds` rounds, so it reaches `next` half a second early.
    isPast(now, from.getTime() + next * 1000 - 501);
  }
  if (chosen < 0) return "just now";
  const [size, name] = units[chosen]!;
  const count = Math.floor(seconds / size);
  return `${count} ${name}${count === 1 ? "" : "s"} ago`;
}
