import "server-only";
import type { Db } from "@/lib/db/database";
import { createAccess } from "./access";
import { createAnnotations } from "./annotations";
import { createChanges } from "./changes";
import { createHubContext, type HubServiceOptions } from "./context";
import { createEvents } from "./events";
import { createHubs } from "./hubs";
import { createIdempotency } from "./idempotency";
import { createKeys } from "./keys";
import { createManifests } from "./manifests";
import { createRegistry } from "./registry";
import { createWidgets } from "./widgets";

export { TOKEN_LIFETIME_SECONDS } from "./access";
export type { HubServiceOptions, Principal } from "./context";

/**
 * The embedded Inter-Hub: hubs, manifests and their vocabulary, API consumers
 * and keys, widgets with version rows, interaction events and annotations,
 * and each hub's change feed.
 * Every method takes the caller's `Principal` and enforces its scopes, so the
 * HTTP layer only parses and serializes.
 */
export function createHubService(db: Db, options: HubServiceOptions = {}) {
  const context = createHubContext(db, options);
  const access = createAccess(context);
  const hubs = createHubs(context);
  const manifests = createManifests(context);
  const keys = createKeys(context, access);
  const registry = createRegistry(context, hubs);
  const widgets = createWidgets(context);
  const events = createEvents(context);
  const annotations = createAnnotations(context, widgets);
  const idempotency = createIdempotency(context);
  const changes = createChanges(context);

  // Listed one by one: helpers that one resource lends another (requireWidget)
  // stay out of the service's surface.
  return {
    authenticate: access.authenticate,
    exchangeToken: access.exchangeToken,
    listHubs: hubs.listHubs,
    getHub: hubs.getHub,
    createHub: hubs.createHub,
    listManifests: manifests.listManifests,
    getManifest: manifests.getManifest,
    createManifest: manifests.createManifest,
    activateManifest: manifests.activateManifest,
    listVocabulary: manifests.listVocabulary,
    listApiConsumers: keys.listApiConsumers,
    createApiConsumer: keys.createApiConsumer,
    listApiKeys: keys.listApiKeys,
    createApiKey: keys.createApiKey,
    revokeApiKey: keys.revokeApiKey,
    createBootstrapOperatorKey: keys.createBootstrapOperatorKey,
    listHubRegistry: registry.listHubRegistry,
    getHubRegistryEntry: registry.getHubRegistryEntry,
    listWidgets: widgets.listWidgets,
    listWidgetsAsOf: widgets.listWidgetsAsOf,
    getWidget: widgets.getWidget,
    createWidget: widgets.createWidget,
    updateWidget: widgets.updateWidget,
    deleteWidget: widgets.deleteWidget,
    listWidgetVersions: widgets.listWidgetVersions,
    listEvents: events.listEvents,
    createEvent: events.createEvent,
    listLatestEvents: events.listLatestEvents,
    listAnnotations: annotations.listAnnotations,
    createAnnotation: annotations.createAnnotation,
    listChanges: changes.listChanges,
    pruneChanges: changes.pruneChanges,
    pruneIdempotencyKeys: idempotency.pruneIdempotencyKeys,
    beginIdempotent: idempotency.beginIdempotent,
    finishIdempotent: idempotency.finishIdempotent,
  };
}

export type HubService = ReturnType<typeof createHubService>;
