import { listAll, type InterHubClient } from "@/lib/interhub/client";
import { InterHubError } from "@/lib/interhub/errors";
import type { HubProfile } from "./schema";

/**
 * Applies a hub profile to any Inter-Hub v2 through its public API, with an
 * operator (framework:admin) client: create or reuse the hub, create and
 * activate the manifest when its vocabulary differs, create or reuse the
 * runtime consumer (and a key when asked), seed the widgets and events.
 * Idempotent: a second run finds everything and changes nothing.
 */
export type ApplyResult = {
  hubId: string;
  manifestId: string;
  consumerId: string;
  /** The new runtime key, when one was asked for. Shown once: store it, never log it. */
  runtimeKey?: string;
  created: { hub: boolean; manifest: boolean; consumer: boolean; widgets: number; events: number };
};

export async function applyHubProfile(
  client: InterHubClient,
  profile: HubProfile,
  options: { createRuntimeKey: boolean },
): Promise<ApplyResult> {
  const created = { hub: false, manifest: false, consumer: false, widgets: 0, events: 0 };

  let hub = await client.getHub(profile.hub.slug).catch(ifNotFound(undefined));
  if (!hub) {
    hub = await client.createHub(profile.hub);
    created.hub = true;
  }

  const registry = await client.getHubRegistryEntry(hub.id);
  let manifest = registry.manifest;
  if (!manifest || !sameVocabulary(manifest, profile.manifest)) {
    const draft = await client.createManifest({ hubId: hub.id, ...profile.manifest });
    manifest = await client.activateManifest(draft.id);
    created.manifest = true;
  }

  const consumers = await listAll(client.listApiConsumers);
  let consumer = consumers.find(
    (c) => c.name === profile.runtimeConsumer.name && c.hubId === hub.id,
  );
  if (!consumer) {
    consumer = await client.createApiConsumer({
      name: profile.runtimeConsumer.name,
      hubId: hub.id,
    });
    created.consumer = true;
  }
  const runtimeKey = options.createRuntimeKey
    ? (await client.createApiKey(consumer.id, { scopes: profile.runtimeConsumer.scopes })).key
    : undefined;

  const existing = new Map(
    (await listAll(client.listWidgets, { hub: hub.id })).map((w) => [w.slug, w]),
  );
  const source = profile.seed.source;
  for (const seed of profile.seed.widgets) {
    if (existing.has(seed.slug)) continue;
    const widget = await client.createWidget(
      {
        hubId: hub.id,
        widgetType: seed.widgetType,
        slug: seed.slug,
        name: seed.name,
        metadata: { ...seed.metadata, source },
      },
      `${source}:widget:${seed.slug}`,
    );
    existing.set(widget.slug, widget);
    created.widgets += 1;
  }

  for (const seed of profile.seed.events) {
    const widget = existing.get(seed.widget)!;
    const recorded = await listAll(client.listEvents, {
      hub: hub.id,
      widgetId: widget.id,
      eventType: seed.eventType,
    });
    if (recorded.some((event) => event.metadata.seedKey === seed.key)) continue;
    // The Idempotency-Key also covers a run that died between write and answer.
    await client.createEvent(
      {
        widgetId: widget.id,
        eventType: seed.eventType,
        viewContext: seed.viewContext,
        metadata: { ...seed.metadata, source, seedKey: seed.key },
      },
      `${source}:event:${seed.key}`,
    );
    created.events += 1;
  }

  return { hubId: hub.id, manifestId: manifest.id, consumerId: consumer.id, runtimeKey, created };
}

function sameVocabulary(
  a: Pick<
    HubProfile["manifest"],
    "widgetTypes" | "eventTypes" | "annotationCategories" | "policyScopes"
  >,
  b: Pick<
    HubProfile["manifest"],
    "widgetTypes" | "eventTypes" | "annotationCategories" | "policyScopes"
  >,
): boolean {
  const same = (x: string[], y: string[]) =>
    x.length === y.length && [...x].sort().join() === [...y].sort().join();
  return (
    same(a.widgetTypes, b.widgetTypes) &&
    same(a.eventTypes, b.eventTypes) &&
    same(a.annotationCategories, b.annotationCategories) &&
    same(a.policyScopes, b.policyScopes)
  );
}

function ifNotFound<T>(fallback: T) {
  return (error: unknown): T => {
    if (error instanceof InterHubError && error.code === "not_found") return fallback;
    throw error;
  };
}
