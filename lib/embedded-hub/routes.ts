import "server-only";
import type { z } from "zod";
import * as wire from "@/lib/interhub/wire";
import type { Principal, HubService } from "./service";

/**
 * The embedded hub's routes, as data: the HTTP handler dispatches on this
 * table and the OpenAPI document is generated from it, so the two agree.
 */
export type RouteContext<Body = unknown, Query = z.output<typeof wire.noQuery>> = {
  service: HubService;
  principal: Principal | null;
  params: Record<string, string>;
  query: Query;
  /** The body as the route's request schema parsed it; without a schema, the JSON as sent. */
  body: Body;
  credential: string | undefined;
  /** The client's address, for throttling failed key checks; undefined in process. */
  address: string | undefined;
};

/** The error codes a route answers beyond those of every route (see openapi.ts), by status. */
export type RouteErrors = Partial<
  Record<400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429, string[]>
>;

export type Route<
  Request extends z.ZodType = z.ZodType,
  Query extends z.ZodObject = typeof wire.noQuery,
> = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  /** Public routes answer without a key. */
  public?: boolean;
  /** The query parameters the route honours; any other is refused with 400. */
  query?: Query;
  /** [ours] Not in Inter-Hub v2: an ops-hub extension (marked so in the OpenAPI document). */
  extension?: true;
  /** A repeated request with the same Idempotency-Key hears the first answer. */
  idempotent?: true;
  errors?: RouteErrors;
  request?: Request;
  response: z.ZodType | null;
  status: 200 | 201 | 204;
  // A method, not a function-valued property: TypeScript then lets a route of
  // any one request schema stand in the table as a plain `Route`, which holds
  // because the HTTP layer hands `handle` only what `request` parsed.
  handle(context: RouteContext<z.output<Request>, z.output<Query>>): Promise<unknown>;
};

/** A table entry whose `handle` sees the body and query typed by the entry's own schemas. */
function route<Request extends z.ZodType, Query extends z.ZodObject = typeof wire.noQuery>(
  definition: Route<Request, Query>,
): Route<Request, Query> {
  return definition;
}

const listOf = (item: z.ZodType) => wire.wireList(item);
const notFound = ["not_found"];

// Not annotated as one Route type: each entry keeps the schemas route() checked it with.
export const routes = [
  route({
    method: "POST",
    path: "/token",
    summary:
      "Exchange a static API key (Authorization: Bearer <key>, or api_key in the body) for a short-lived Bearer token",
    public: true,
    // Not idempotent: a replay would hand out a token with a stale lifetime.
    errors: { 401: ["invalid_api_key"] },
    request: wire.tokenRequest,
    response: wire.wireToken,
    status: 200,
    handle: ({ service, credential, body, address }) =>
      service.exchangeToken(credential ?? body.api_key, address),
  }),
  route({
    method: "GET",
    path: "/hubs",
    summary: "List hubs (public)",
    public: true,
    query: wire.hubListQuery,
    response: listOf(wire.wireHub),
    status: 200,
    handle: ({ service, query }) => service.listHubs(query),
  }),
  route({
    method: "POST",
    path: "/hubs",
    summary: "Create a hub (framework:admin)",
    idempotent: true,
    errors: { 409: ["hub_exists"] },
    request: wire.hubCreateRequest,
    response: wire.wireHub,
    status: 201,
    handle: ({ service, principal, body }) => service.createHub(principal, body),
  }),
  route({
    method: "GET",
    path: "/hubs/{id}",
    summary: "One hub, by id or slug",
    errors: { 404: notFound },
    response: wire.wireHub,
    status: 200,
    handle: ({ service, principal, params }) => service.getHub(principal, params.id!),
  }),
  route({
    method: "GET",
    path: "/hub-capability-manifests",
    summary: "List capability manifests, newest first",
    query: wire.manifestListQuery,
    response: listOf(wire.wireManifest),
    status: 200,
    handle: ({ service, principal, query }) => service.listManifests(principal, query),
  }),
  route({
    method: "POST",
    path: "/hub-capability-manifests",
    summary: "Create a draft capability manifest (framework:admin)",
    idempotent: true,
    errors: { 404: notFound },
    request: wire.manifestCreateRequest,
    response: wire.wireManifest,
    status: 201,
    handle: ({ service, principal, body }) => service.createManifest(principal, body),
  }),
  route({
    method: "GET",
    path: "/hub-capability-manifests/{id}",
    summary: "One capability manifest",
    errors: { 404: notFound },
    response: wire.wireManifest,
    status: 200,
    handle: ({ service, principal, params }) => service.getManifest(principal, params.id!),
  }),
  route({
    method: "POST",
    path: "/hub-capability-manifests/{id}/activate",
    summary: "Activate a manifest and register its vocabulary; 409 on a conflict with another hub",
    idempotent: true,
    errors: { 404: notFound, 409: ["vocabulary_conflict"] },
    response: wire.wireManifest,
    status: 200,
    handle: ({ service, principal, params }) => service.activateManifest(principal, params.id!),
  }),
  ...(
    [
      ["/widget-types", "widget_type", false],
      ["/event-types", "event_type", false],
      ["/annotation-categories", "annotation_category", false],
      ["/policy-scopes", "policy_scope", true],
    ] as const
  ).map(([path, kind, isPublic]) =>
    route({
      method: "GET",
      path,
      summary: `Registered ${kind.replace("_", " ")}s of active manifests${isPublic ? " (public)" : ""}`,
      public: isPublic,
      query: wire.vocabularyListQuery,
      response: listOf(wire.wireVocabularyEntry),
      status: 200,
      handle: ({ service, principal, query }) =>
        service.listVocabulary(principal, kind, query, isPublic),
    }),
  ),
  route({
    method: "GET",
    path: "/api-consumers",
    summary: "List API consumers (framework:admin)",
    query: wire.pageQuery,
    response: listOf(wire.wireApiConsumer),
    status: 200,
    handle: ({ service, principal, query }) => service.listApiConsumers(principal, query),
  }),
  route({
    method: "POST",
    path: "/api-consumers",
    summary: "Create an API consumer (framework:admin)",
    idempotent: true,
    errors: { 404: notFound },
    request: wire.apiConsumerCreateRequest,
    response: wire.wireApiConsumer,
    status: 201,
    handle: ({ service, principal, body }) => service.createApiConsumer(principal, body),
  }),
  route({
    method: "GET",
    path: "/api-consumers/{id}/keys",
    summary: "List a consumer's keys: prefixes and scopes only (framework:admin)",
    errors: { 404: notFound },
    query: wire.pageQuery,
    response: listOf(wire.wireApiKey),
    status: 200,
    handle: ({ service, principal, params, query }) =>
      service.listApiKeys(principal, params.id!, query),
  }),
  route({
    method: "POST",
    path: "/api-consumers/{id}/keys",
    summary: "Create a static key; the full key is answered once (framework:admin)",
    idempotent: true,
    errors: { 404: notFound },
    request: wire.apiKeyCreateRequest,
    response: wire.wireCreatedApiKey,
    status: 201,
    handle: ({ service, principal, params, body }) =>
      service.createApiKey(principal, params.id!, body),
  }),
  route({
    method: "DELETE",
    path: "/api-consumers/{id}/keys/{keyId}",
    summary:
      "[ours] Revoke a key: it and the tokens exchanged for it stop working within a second (framework:admin)",
    extension: true,
    errors: { 404: notFound },
    response: null,
    status: 204,
    handle: ({ service, principal, params }) =>
      service.revokeApiKey(principal, params.id!, params.keyId!),
  }),
  route({
    method: "GET",
    path: "/hub-registry",
    summary: "Hubs with their active manifest and counts, by name",
    query: wire.hubRegistryQuery,
    response: listOf(wire.wireHubRegistryEntry),
    status: 200,
    handle: ({ service, principal, query }) => service.listHubRegistry(principal, query),
  }),
  route({
    method: "GET",
    path: "/hub-registry/{hubId}",
    summary: "One hub with its active manifest and counts, by id or slug",
    errors: { 404: notFound },
    response: wire.wireHubRegistryEntry,
    status: 200,
    handle: ({ service, principal, params }) =>
      service.getHubRegistryEntry(principal, params.hubId!),
  }),
  route({
    method: "GET",
    path: "/widgets",
    summary: "List widgets of the hubs the key reads",
    query: wire.widgetListQuery,
    response: listOf(wire.wireWidget),
    status: 200,
    handle: ({ service, principal, query }) => service.listWidgets(principal, query),
  }),
  route({
    method: "GET",
    path: "/widget-versions",
    summary:
      "[ours] A hub's widgets as they were at an instant (as_of): each one's last version written by then, deleted ones left out",
    extension: true,
    errors: { 404: notFound },
    query: wire.widgetsAsOfQuery,
    response: listOf(wire.wireWidget),
    status: 200,
    handle: ({ service, principal, query }) => service.listWidgetsAsOf(principal, query),
  }),
  route({
    method: "POST",
    path: "/widgets",
    summary:
      "Create a widget; its type must be active in its hub's manifest (422 unknown_widget_type)",
    idempotent: true,
    errors: { 404: notFound, 409: ["widget_exists"], 422: ["unknown_widget_type"] },
    request: wire.widgetCreateRequest,
    response: wire.wireWidget,
    status: 201,
    handle: ({ service, principal, body }) => service.createWidget(principal, body),
  }),
  route({
    method: "GET",
    path: "/widgets/{id}",
    summary: "One widget",
    errors: { 404: notFound },
    response: wire.wireWidget,
    status: 200,
    handle: ({ service, principal, params }) => service.getWidget(principal, params.id!),
  }),
  route({
    method: "PATCH",
    path: "/widgets/{id}",
    summary: "Change a widget's name or metadata; writes a version row",
    errors: { 404: notFound, 409: ["version_conflict"] },
    request: wire.widgetUpdateRequest,
    response: wire.wireWidget,
    status: 200,
    handle: ({ service, principal, params, body }) =>
      service.updateWidget(principal, params.id!, body),
  }),
  route({
    method: "DELETE",
    path: "/widgets/{id}",
    summary: "Delete a widget; writes a version row",
    errors: { 404: notFound },
    response: null,
    status: 204,
    handle: ({ service, principal, params }) => service.deleteWidget(principal, params.id!),
  }),
  route({
    method: "GET",
    path: "/interaction-events",
    summary: "List interaction events, newest first",
    query: wire.eventListQuery,
    response: listOf(wire.wireInteractionEvent),
    status: 200,
    handle: ({ service, principal, query }) => service.listEvents(principal, query),
  }),
  route({
    method: "GET",
    path: "/interaction-events/latest",
    summary:
      "[ours] The latest event per widget and event type (with until: as of that instant); pages of up to 20,000",
    extension: true,
    query: wire.latestEventListQuery,
    response: listOf(wire.wireInteractionEvent),
    status: 200,
    handle: ({ service, principal, query }) => service.listLatestEvents(principal, query),
  }),
  route({
    method: "GET",
    path: "/changes",
    summary:
      "[ours] One hub's changes after a cursor, oldest first: items created, updated or deleted, events and annotations recorded, each with the item as it is now. Start without `after`, or read the hub and follow from meta.head; 410 cursor_expired when the cursor is older than the feed keeps (7 days) or from another epoch",
    extension: true,
    errors: { 404: notFound, 410: ["cursor_expired"] },
    query: wire.changesQuery,
    response: wire.wireChangePage,
    status: 200,
    handle: ({ service, principal, query }) => service.listChanges(principal, query),
  }),
  route({
    method: "POST",
    path: "/interaction-events",
    summary:
      "Record an interaction event; its type must be declared by the widget's hub (422 unknown_event_type)",
    idempotent: true,
    errors: { 404: notFound, 422: ["unknown_event_type"] },
    request: wire.interactionEventCreateRequest,
    response: wire.wireInteractionEvent,
    status: 201,
    handle: ({ service, principal, body }) => service.createEvent(principal, body),
  }),
  route({
    method: "GET",
    path: "/annotations",
    summary: "List annotations, newest first",
    query: wire.annotationListQuery,
    response: listOf(wire.wireAnnotation),
    status: 200,
    handle: ({ service, principal, query }) => service.listAnnotations(principal, query),
  }),
  route({
    method: "POST",
    path: "/annotations",
    summary:
      "Record an annotation; its category must be declared (422 unknown_annotation_category)",
    idempotent: true,
    errors: { 404: notFound, 422: ["unknown_annotation_category"] },
    request: wire.annotationCreateRequest,
    response: wire.wireAnnotation,
    status: 201,
    handle: ({ service, principal, body }) => service.createAnnotation(principal, body),
  }),
];
