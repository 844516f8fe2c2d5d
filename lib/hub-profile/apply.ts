import { listAll, type InterHubClient } from "@/lib/interhub/client";
import { InterHubError } from "@/lib/interhub/errors";
import type { HubProfile } from "./schema";

/**
 * Applies a hub profile to any Inter-Hub v2 through its public API, with an
 * operator (framework:admin) client: create or reuse the hub, create and
 * activate the manifest when its vocabulary differs, create or reuse the
 * runtime consumer (and a key when asked), seed the widgets and events.
 * Idempotent: a second run finds everything and changes nothing. With
 * `dryRun` it only reads, and reports the same steps it would take.
 */
export type ApplyStep = {
  kind: "hub" | "manifest" | "consumer" | "runtime key" | "widget" | "event";
  action: "create" | "keep" | "replace" | "revoke";
  name: string;
};

export type ApplyResult = {
  /** Unset only in a dry run against a hub that does not exist yet. */
  hubId?: string;
  manifestId?: string;
  consumerId?: string;
  /** The new runtime key, when one was asked for. Shown once: store it, never log it. */
  runtimeKey?: string;
  created: { hub: boolean; manifest: boolean; consumer: boolean; widgets: number; events: number };
  steps: ApplyStep[];
};

export async function applyHubProfile(
  client: InterHubClient,
  profile: HubProfile,
  options: {
    createRuntimeKey: boolean;
    /**
     * With a new runtime key, revoke the consumer's other keys: the one it
     * replaces may sit in a lost key file. Not for instances that share one
     * database, each with its own key file (the embedded hub).
     */
    revokeReplacedKeys?: boolean;
    dryRun?: boolean;
    onStep?: (step: ApplyStep) => void;
  },
): Promise<ApplyResult> {
  const { dryRun = false } = options;
  const created = { hub: false, manifest: false, consumer: false, widgets: 0, events: 0 };
  const steps: ApplyStep[] = [];
  const step = (kind: ApplyStep["kind"], action: ApplyStep["action"], name: string) => {
    const entry = { kind, action, name };
    steps.push(entry);
    options.onStep?.(entry);
  };

  let hub = await client.getHub(profile.hub.slug).catch(ifNotFound(undefined));
  if (hub) step("hub", "keep", hub.slug);
  else {
    step("hub", "create", `${profile.hub.slug} (${profile.hub.name})`);
    created.hub = true;
    if (!dryRun) hub = await client.createHub(profile.hub);
  }

  // The hub's manifests, not its registry entry: that counts every event (1.3 s at 10,000,000).
  let manifest = hub
    ? ((await listAll(client.listManifests, { hub: hub.id })).find((m) => m.status === "active") ??
      null)
    : null;
  const vocabulary = `${profile.manifest.widgetTypes.length} widget types, ${profile.manifest.eventTypes.length} event types, ${profile.manifest.annotationCategories.length} annotation categories, ${profile.manifest.policyScopes.length} policy scopes`;
  if (manifest && sameVocabulary(manifest, profile.manifest)) step("manifest", "keep", vocabulary);
  else {
    step("manifest", manifest ? "replace" : "create", `${vocabulary}, activated`);
    created.manifest = true;
    if (!dryRun) {
      const draft = await client.createManifest({ hubId: hub!.id, ...profile.manifest });
      manifest = await client.activateManifest(draft.id);
    }
  }

  const consumers = hub ? await listAll(client.listApiConsumers) : [];
  let consumer = consumers.find(
    (c) => c.name === profile.runtimeConsumer.name && c.hubId === hub?.id,
  );
  if (consumer) step("consumer", "keep", consumer.name);
  else {
    step("consumer", "create", profile.runtimeConsumer.name);
    created.consumer = true;
    if (!dryRun)
      consumer = await client.createApiConsumer({
        name: profile.runtimeConsumer.name,
        hubId: hub!.id,
      });
  }
  let runtimeKey: string | undefined;
  if (options.createRuntimeKey) {
    step("runtime key", "create", profile.runtimeConsumer.scopes.join(" "));
    if (!dryRun)
      runtimeKey = (
        await client.createApiKey(consumer!.id, { scopes: profile.runtimeConsumer.scopes })
      ).key;
    if (options.revokeReplacedKeys && consumer) {
      const replaced = (await listAll((params) => client.listApiKeys(consumer!.id, params))).filter(
        (key) => !key.revokedAt && (dryRun || !runtimeKey?.startsWith(`ihk_${key.prefix}_`)),
      );
      for (const key of replaced) {
        step("runtime key", "revoke", `${key.prefix}… (replaced)`);
        if (!dryRun) await client.revokeApiKey(consumer.id, key.id);
      }
    }
  }

  // The seed's items looked up by slug: listing the hub would read every item
  // (at 100,000, five hundred pages) at every start.
  const existing = new Map(
    (hub
      ? await Promise.all(
          profile.seed.widgets.map((seed) =>
            client.listWidgets({ hub: hub.id, slug: seed.slug, perPage: 1 }),
          ),
        )
      : []
    ).flatMap((page) => page.items.map((w) => [w.slug, w] as const)),
  );
  const source = profile.seed.source;
  for (const seed of profile.seed.widgets) {
    if (existing.has(seed.slug)) {
      step("widget", "keep", seed.slug);
      continue;
    }
    step("widget", "create", `${seed.slug} (${seed.widgetType})`);
    created.widgets += 1;
    if (dryRun) continue;
    const widget = await client.createWidget(
      {
        hubId: hub!.id,
        widgetType: seed.widgetType,
        slug: seed.slug,
        name: seed.name,
        metadata: { ...seed.metadata, source },
      },
      `${source}:widget:${seed.slug}`,
    );
    existing.set(widget.slug, widget);
  }

  for (const seed of profile.seed.events) {
    const widget = existing.get(seed.widget);
    const recorded = widget
      ? await listAll(client.listEvents, {
          hub: hub!.id,
          widgetId: widget.id,
          eventType: seed.eventType,
        })
      : [];
    if (recorded.some((event) => event.metadata.seedKey === seed.key)) {
      step("event", "keep", seed.key);
      continue;
    }
    step("event", "create", `${seed.key} (${seed.eventType} on ${seed.widget})`);
    created.events += 1;
    if (dryRun) continue;
    // The Idempotency-Key also covers a run that died between write and answer.
    await client.createEvent(
      {
        widgetId: widget!.id,
        eventType: seed.eventType,
        viewContext: seed.viewContext,
        metadata: { ...seed.metadata, source, seedKey: seed.key },
      },
      `${source}:event:${seed.key}`,
    );
  }

  return {
    hubId: hub?.id,
    manifestId: manifest?.id,
    consumerId: consumer?.id,
    runtimeKey,
    created,
    steps,
  };
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
