import type { InteractionEvent, Widget } from "./types";
import { ageLabel, observedAt } from "./evidence";
import { isPast } from "./time";

/**
 * Expected signals: an item that declares a cadence promises a signal that
 * often — an endpoint's probe (`probe.cadenceSeconds`), a service's health
 * check (`health.cadenceSeconds`), a backup set's backup and restore test
 * (`backupCadenceDays`, `restoreTestCadenceDays`). When the signal has not
 * arrived in time, whatever its outcome, the item is overdue.
 */
const DAY_SECONDS = 86_400;

/** The signals an item type may promise on a cadence. */
export const CADENCE_SIGNALS: Record<string, string[]> = {
  "ops-endpoint": ["ops-endpoint-verified"],
  "ops-service": ["ops-health-checked"],
  "ops-backup-set": ["ops-backup-verified", "ops-restore-tested"],
};

/** The cadence an item declares for a signal, in seconds, if any. */
export function declaredCadenceSeconds(
  widget: Pick<Widget, "type" | "metadata">,
  eventType: string,
): number | undefined {
  const positive = (value: unknown) =>
    typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
  const field = (object: unknown, name: string) =>
    object && typeof object === "object" ? (object as Record<string, unknown>)[name] : undefined;
  const { metadata } = widget;
  switch (`${widget.type} ${eventType}`) {
    case "ops-endpoint ops-endpoint-verified":
      return positive(field(metadata.probe, "cadenceSeconds"));
    case "ops-service ops-health-checked":
      return positive(field(metadata.health, "cadenceSeconds"));
    case "ops-backup-set ops-backup-verified": {
      const days = positive(metadata.backupCadenceDays);
      return days && days * DAY_SECONDS;
    }
    case "ops-backup-set ops-restore-tested": {
      const days = positive(metadata.restoreTestCadenceDays);
      return days && days * DAY_SECONDS;
    }
    default:
      return undefined;
  }
}

/**
 * Slack past the cadence before a signal counts as missing: a tenth of the
 * cadence, and at least 90 s, which covers the scheduler's tick, its jitter
 * (at most 5% of the cadence) and a probe's timeout (at most 30 s).
 */
export function overdueGraceSeconds(cadenceSeconds: number): number {
  return Math.max(90, cadenceSeconds / 10);
}

export type OverdueSignal = {
  eventType: string;
  cadenceSeconds: number;
  /** The last signal's observation time; undefined when none ever arrived. */
  last?: Date;
  dueAt: Date;
};

/**
 * The signals an item declared and has not sent in time. A signal that never
 * arrived is due one cadence after the item was created.
 */
export function overdueSignals(
  widget: Widget,
  latest: InteractionEvent[],
  now: Date,
): OverdueSignal[] {
  const overdue: OverdueSignal[] = [];
  for (const eventType of CADENCE_SIGNALS[widget.type] ?? []) {
    const cadenceSeconds = declaredCadenceSeconds(widget, eventType);
    if (!cadenceSeconds) continue;
    const lastEvent = latest.find((event) => event.type === eventType);
    const last = lastEvent ? observedAt(lastEvent) : undefined;
    const since = last ?? new Date(widget.createdAt);
    const dueAt = new Date(since.getTime() + cadenceSeconds * 1000);
    if (isPast(now, dueAt.getTime() + overdueGraceSeconds(cadenceSeconds) * 1000))
      overdue.push({ eventType, cadenceSeconds, last, dueAt });
  }
  return overdue;
}

/** "every 30 seconds", "every 5 minutes", "every 7 days". */
export function cadenceLabel(seconds: number): string {
  const units: [number, string][] = [
    [DAY_SECONDS, "day"],
    [3600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  const [size, name] = units.find(([size]) => seconds % size === 0 && seconds >= size) ?? [
    1,
    "second",
  ];
  const count = Math.round(seconds / size);
  return count === 1 ? `every ${name}` : `every ${count} ${name}s`;
}

export function overdueDetail(signal: OverdueSignal, now: Date): string {
  const last = signal.last ? `last ${ageLabel(signal.last, now)}` : "none ever arrived";
  return `${signal.eventType} expected ${cadenceLabel(signal.cadenceSeconds)}; ${last}`;
}
