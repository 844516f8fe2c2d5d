import "server-only";
import { cache } from "react";
import { listAll } from "@/lib/interhub/client";
import { getCurrentHub } from "@/lib/interhub";
import { processSingleton } from "@/lib/process-singleton";
import type { Annotation, InteractionEvent } from "@/lib/domain/types";

/**
 * Reads of the current hub beyond the snapshot (lib/data/snapshot.ts): history
 * that is too large to keep in memory. Each is wrapped in React's `cache`, so
 * one render asks Inter-Hub once however many components need it.
 */

export type Timeline = { events: InteractionEvent[]; annotations: Annotation[] };

/** An item's latest events and its annotations, newest first. */
export const getTimeline = cache(async (widgetId: string, limit = 50): Promise<Timeline> => {
  const { client, slug: hub } = await getCurrentHub();
  const [events, annotations] = await Promise.all([
    client.listEvents({ hub, widgetId, perPage: limit }),
    client.listAnnotations({ hub, widgetId, perPage: 200 }),
  ]);
  return { events: events.items, annotations: annotations.items };
});

/** The latest events and annotations across the hub, newest first. */
export const listActivity = cache(async (filters: { eventType?: string }, limit = 200) => {
  const { client, slug: hub } = await getCurrentHub();
  const [events, annotations] = await Promise.all([
    client.listEvents({ hub, eventType: filters.eventType, perPage: limit }),
    filters.eventType ? Promise.resolve(null) : client.listAnnotations({ hub, perPage: limit }),
  ]);
  return { events: events.items, annotations: annotations?.items ?? [] };
});

export type HubVocabulary = {
  eventTypes: string[];
  annotationCategories: string[];
  policyScopes: string[];
};

const VOCABULARY_TTL_MS = 5 * 60_000;
const vocabularies = processSingleton(
  "hub-vocabulary",
  () => new Map<string, { value: HubVocabulary; at: number }>(),
);

/**
 * The vocabulary the hub's active manifest declares: what forms offer and the
 * server accepts. It changes only with a new manifest, so it is kept for a
 * few minutes, and the last known one serves while Inter-Hub is unreachable —
 * a form must still validate (and queue) during an outage.
 */
export const getHubVocabulary = cache(async (): Promise<HubVocabulary> => {
  const { client, slug: hub } = await getCurrentHub();
  const known = vocabularies.get(hub);
  if (known && Date.now() - known.at < VOCABULARY_TTL_MS) return known.value;
  try {
    const names = (entries: { name: string }[]) => entries.map((entry) => entry.name);
    const [eventTypes, annotationCategories, policyScopes] = await Promise.all([
      listAll(client.listEventTypes, { hub }),
      listAll(client.listAnnotationCategories, { hub }),
      listAll(client.listPolicyScopes, { hub }),
    ]);
    const value = {
      eventTypes: names(eventTypes),
      annotationCategories: names(annotationCategories),
      policyScopes: names(policyScopes),
    };
    vocabularies.set(hub, { value, at: Date.now() });
    return value;
  } catch (error) {
    if (known) return known.value;
    throw error;
  }
});
