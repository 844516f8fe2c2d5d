import type { Annotation, InteractionEvent } from "./types";
import { resolvedIds } from "./annotations";
import { observedAt, observerOf, outcomeOf, type Outcome } from "./evidence";

/**
 * An item's history as one list, newest first: its events and its annotations
 * interleaved. Plain data, so the page and the polling JSON route share it.
 */
export type TimelineEntry =
  | {
      kind: "event";
      id: string;
      type: string;
      at: string;
      recordedAt: string;
      outcome?: Outcome;
      observer?: string;
      /** A person's words on the event, shown with it; everything else is detail. */
      note?: string;
      viewContext: string | null;
      metadata: [string, unknown][];
    }
  | {
      kind: "annotation";
      id: string;
      category: string;
      at: string;
      body: string;
      resolved: boolean;
      resolves?: string;
    };

export type TimelineData = { now: string; entries: TimelineEntry[] };

const SHOWN_ELSEWHERE = new Set(["outcome", "observer", "note"]);

export function buildTimeline(
  events: InteractionEvent[],
  annotations: Annotation[],
  now: Date,
): TimelineData {
  const resolved = resolvedIds(annotations);
  const entries: TimelineEntry[] = [
    ...events.map((event): TimelineEntry => ({
      kind: "event",
      id: event.id,
      type: event.type,
      at: observedAt(event).toISOString(),
      recordedAt: event.createdAt,
      outcome: outcomeOf(event),
      observer: observerOf(event),
      note: typeof event.metadata.note === "string" ? event.metadata.note : undefined,
      viewContext: event.viewContext,
      metadata: Object.entries(event.metadata).filter(([key]) => !SHOWN_ELSEWHERE.has(key)),
    })),
    ...annotations.map((annotation): TimelineEntry => ({
      kind: "annotation",
      id: annotation.id,
      category: annotation.category,
      at: annotation.createdAt,
      body: annotation.body,
      resolved: resolved.has(annotation.id),
      resolves:
        typeof annotation.metadata.resolves === "string" ? annotation.metadata.resolves : undefined,
    })),
  ];
  entries.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  return { now: now.toISOString(), entries };
}
