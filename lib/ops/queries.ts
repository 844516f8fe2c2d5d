import "server-only";
import { cache } from "react";
import { listAll } from "@/lib/interhub/client";
import { getHubSlug, getInterHub } from "@/lib/interhub";
import type { Annotation, InteractionEvent } from "@/lib/interhub/wire";

/**
 * Reads of the ops-hub hub beyond the snapshot (lib/ops/snapshot.ts): history
 * that is too large to keep in memory. Each is wrapped in React's `cache`, so
 * one render asks Inter-Hub once however many components need it.
 */
const DAY_MS = 86_400_000;

/** Events of these items over the last `days` days, for their evidence strips: one upstream read. */
export const listRecentEvents = cache(
  async (widgetIds: string[], days = 30): Promise<InteractionEvent[]> => {
    if (widgetIds.length === 0) return [];
    const client = await getInterHub();
    const since = new Date(Date.now() - days * DAY_MS).toISOString();
    return listAll(client.listEvents, { hub: getHubSlug(), widgetIds, since }, { limit: 20_000 });
  },
);

export type Timeline = { events: InteractionEvent[]; annotations: Annotation[] };

/** An item's latest events and its annotations, newest first. */
export const getTimeline = cache(async (widgetId: string, limit = 50): Promise<Timeline> => {
  const client = await getInterHub();
  const hub = getHubSlug();
  const [events, annotations] = await Promise.all([
    client.listEvents({ hub, widgetId, perPage: limit }),
    client.listAnnotations({ hub, widgetId, perPage: 200 }),
  ]);
  return { events: events.items, annotations: annotations.items };
});

/** The latest events and annotations across the hub, newest first. */
export const listActivity = cache(async (filters: { eventType?: string }, limit = 200) => {
  const client = await getInterHub();
  const hub = getHubSlug();
  const [events, annotations] = await Promise.all([
    client.listEvents({ hub, eventType: filters.eventType, perPage: limit }),
    filters.eventType ? Promise.resolve(null) : client.listAnnotations({ hub, perPage: limit }),
  ]);
  return { events: events.items, annotations: annotations?.items ?? [] };
});

/** The event types the hub's active manifest declares. */
export const listEventTypes = cache(async (): Promise<string[]> => {
  const client = await getInterHub();
  return (await listAll(client.listEventTypes, { hub: getHubSlug() })).map((entry) => entry.name);
});
