import type { Annotation, InteractionEvent, Widget } from "@/lib/domain/types";
import type { InterHubClient } from "./client";
import { InterHubError } from "./errors";

/**
 * A write to one hub, named explicitly: the shape the outbox stores and every
 * writer (forms, review verdicts, probes) hands over. Items are named by slug,
 * so a write can wait for an item that is itself still waiting to sync; a
 * writer that already knows the item's id passes it to save a lookup.
 */
export type HubWrite = { hub: string } & (
  | {
      kind: "widget";
      payload: {
        widgetType: string;
        slug: string;
        name: string;
        metadata: Record<string, unknown>;
      };
    }
  | {
      kind: "event";
      payload: {
        widgetSlug: string;
        widgetId?: string;
        eventType: string;
        viewContext?: string;
        metadata: Record<string, unknown>;
      };
    }
  | {
      kind: "annotation";
      payload: {
        widgetSlug: string;
        widgetId?: string;
        category: string;
        body: string;
        metadata: Record<string, unknown>;
      };
    }
);

/** What a write creates, by its kind. */
export type Written<W extends HubWrite> = W extends { kind: "widget" }
  ? Widget
  : W extends { kind: "event" }
    ? InteractionEvent
    : Annotation;

/** The item's id in the hub, if the hub has an item with that slug. */
export async function findWidgetId(
  client: InterHubClient,
  hub: string,
  slug: string,
): Promise<string | undefined> {
  return (await client.listWidgets({ hub, slug, perPage: 1 })).items[0]?.id;
}

async function requireWidgetId(client: InterHubClient, hub: string, slug: string) {
  const id = await findWidgetId(client, hub, slug);
  if (!id) throw new InterHubError("not_found", `Not found: ${slug}`);
  return id;
}

/**
 * Sends one write to its hub with an Idempotency-Key (Inter-Hub replays a key
 * it has seen, so a retry never writes twice). `widgetIdOf` lets the outbox
 * wait for an item that is still queued behind it.
 */
export async function sendHubWrite<W extends HubWrite>(
  client: InterHubClient,
  write: W,
  idempotencyKey: string,
  widgetIdOf: (slug: string) => Promise<string> = (slug) =>
    requireWidgetId(client, write.hub, slug),
): Promise<Written<W>> {
  switch (write.kind) {
    case "widget": {
      const hub = await client.getHub(write.hub);
      return (await client.createWidget(
        { hubId: hub.id, ...write.payload },
        idempotencyKey,
      )) as Written<W>;
    }
    case "event": {
      const { widgetSlug, widgetId, ...rest } = write.payload;
      return (await client.createEvent(
        { widgetId: widgetId ?? (await widgetIdOf(widgetSlug)), ...rest },
        idempotencyKey,
      )) as Written<W>;
    }
    case "annotation": {
      const { widgetSlug, widgetId, ...rest } = write.payload;
      return (await client.createAnnotation(
        { widgetId: widgetId ?? (await widgetIdOf(widgetSlug)), ...rest },
        idempotencyKey,
      )) as Written<W>;
    }
  }
}
