import { z } from "zod";
import type {
  Annotation,
  ChangePage,
  Hub,
  InteractionEvent,
  Manifest,
  Widget,
} from "@/lib/domain/types";
import { SLUG } from "@/lib/domain/slug";
import { unreadableMetadata } from "@/lib/domain/metadata";

/**
 * The Inter-Hub v2 wire format, and the only module that knows it.
 *
 * Both sides use these schemas: the HTTP client parses every upstream answer
 * with them, and the embedded hub validates requests and shapes responses with
 * them, so the two cannot drift. The `reshape*` functions turn wire shapes into
 * the app's own types; nothing outside `lib/interhub` sees a wire field name.
 *
 * Inter-Hub v2's conventions: request bodies are camelCase
 * (`widgetId`, `eventType`, `viewContext`); hub classification keeps the
 * workplan's snake_case (`hub_kind`, `vsm_function`); responses carry `id`,
 * `createdAt`, and for widgets `version` and `updatedAt`; timestamps are ISO
 * 8601 UTC.
 */

const id = z.string().min(1).max(100);
const timestamp = z.iso.datetime({ offset: true });
const slug = z.string().min(1).max(120).regex(SLUG, "must be lowercase letters, digits and dashes");
const vocabularyName = slug;
/** Metadata bounds: a hub refuses a larger one with 413, a deeper one with 400. */
export const MAX_METADATA_BYTES = 64 * 1024;
export const MAX_METADATA_DEPTH = 32;
const metadata = z
  .record(z.string(), z.unknown())
  .describe(
    `A JSON object of the writer's own fields: at most ${MAX_METADATA_BYTES / 1024} KiB serialized (larger: 413 payload_too_large) and ${MAX_METADATA_DEPTH} levels deep, the object itself being the first (deeper: 400 invalid_request)`,
  );

export const SCOPE_PATTERN = /^(framework:(read|admin)|hub:[a-z0-9][a-z0-9-]*:(read|write))$/;
const scope = z
  .string()
  .regex(
    SCOPE_PATTERN,
    "must be framework:read, framework:admin, hub:<slug>:read or hub:<slug>:write",
  );

/** The v2 API base under an Inter-Hub's URL: `https://hub.example.org` → `…/api/v2`. */
export function v2BaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/api/v2") ? trimmed : `${trimmed}/api/v2`;
}

/**
 * The live contract as settled with Inter-Hub on 2026-06-14: hub
 * discovery is public, everything else needs a key, and the OpenAPI lists the
 * bootstrap operations. The gate probe checks an Inter-Hub against it.
 */
export const CONTRACT = {
  publicReads: ["/hubs", "/policy-scopes"],
  protectedReads: ["/widgets", "/hub-registry"],
  unauthenticatedError: "invalid_api_key",
  openApiPath: "/openapi.json",
  tokenPath: "/token",
  /** Path → the methods bootstrap needs on it. */
  bootstrapOperations: {
    "/hubs": ["get", "post"],
    "/hub-capability-manifests": ["post"],
    "/hub-capability-manifests/{id}/activate": ["post"],
    "/api-consumers": ["get", "post"],
    "/api-consumers/{id}/keys": ["post"],
    "/policy-scopes": ["get"],
    "/widgets": ["get", "post"],
    "/interaction-events": ["get", "post"],
    "/token": ["post"],
  } as Record<string, string[]>,
} as const;

export const wireOpenApiPaths = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** `GET /openapi.json`: an OpenAPI 3.1 document (only its outline is described here). */
export const wireOpenApiDocument = z
  .looseObject({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    servers: z.array(z.looseObject({ url: z.string() })),
    paths: wireOpenApiPaths.shape.paths,
  })
  .meta({ id: "OpenApiDocument" });

// ---------------------------------------------------------------- resources

export const wireHub = z
  .object({
    id,
    name: z.string(),
    slug,
    domain: z.string().nullable(),
    hub_kind: z.string(),
    hub_family: z.string().nullable(),
    vsm_function: z.string().nullable(),
    vsm_system: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "Hub" });

export const wireManifestStatus = z.enum(["draft", "active", "superseded"]);

export const wireManifest = z
  .object({
    id,
    hubId: id,
    status: wireManifestStatus,
    description: z.string().nullable(),
    widgetTypes: z.array(vocabularyName),
    eventTypes: z.array(vocabularyName),
    annotationCategories: z.array(vocabularyName),
    policyScopes: z.array(vocabularyName),
    metadata,
    createdAt: timestamp,
    activatedAt: timestamp.nullable(),
  })
  .meta({ id: "HubCapabilityManifest" });

export const wireVocabularyEntry = z
  .object({ name: vocabularyName, hubId: id, hubSlug: slug, manifestId: id })
  .meta({ id: "VocabularyEntry" });

export const wireApiConsumer = z
  .object({ id, name: z.string(), hubId: id.nullable(), createdAt: timestamp })
  .meta({ id: "ApiConsumer" });

export const wireApiKey = z
  .object({
    id,
    consumerId: id,
    prefix: z.string().regex(/^[0-9a-f]{8}$/),
    scopes: z.array(scope),
    createdAt: timestamp,
    revokedAt: timestamp.nullable(),
    // [ours] Optional on the wire: a remote Inter-Hub may not report them.
    expiresAt: timestamp.nullish(),
    lastUsedAt: timestamp.nullish(),
  })
  .meta({ id: "ApiKey" });

/** Only the creation answer carries the full key, once. */
export const wireCreatedApiKey = wireApiKey
  .extend({ key: z.string() })
  .meta({ id: "CreatedApiKey" });

export const wireHubRegistryEntry = z
  .object({
    hub: wireHub,
    manifest: wireManifest.nullable(),
    counts: z.object({
      widgets: z.number().int(),
      interactionEvents: z.number().int(),
      annotations: z.number().int(),
    }),
  })
  .meta({ id: "HubRegistryEntry" });

export const wireWidget = z
  .object({
    id,
    hubId: id,
    widgetType: vocabularyName,
    slug,
    name: z.string(),
    metadata,
    version: z.number().int().min(1),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Widget" });

export const wireInteractionEvent = z
  .object({
    id,
    hubId: id,
    widgetId: id,
    eventType: vocabularyName,
    viewContext: z.string().nullable(),
    metadata,
    recordedBy: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "InteractionEvent" });

export const wireAnnotation = z
  .object({
    id,
    hubId: id,
    widgetId: id,
    category: vocabularyName,
    body: z.string(),
    metadata,
    recordedBy: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "Annotation" });

/** [ours] One change of a hub's change feed, with the item as it is now (null once gone). */
const changeBase = {
  position: z.string(),
  id,
  widgetId: id,
  at: timestamp,
};
export const wireChange = z
  .discriminatedUnion("resource", [
    z.object({
      ...changeBase,
      resource: z.literal("widget"),
      action: z.enum(["created", "updated", "deleted"]),
      widget: wireWidget.nullable(),
    }),
    z.object({
      ...changeBase,
      resource: z.literal("interaction-event"),
      action: z.literal("created"),
      event: wireInteractionEvent.nullable(),
    }),
    z.object({
      ...changeBase,
      resource: z.literal("annotation"),
      action: z.literal("created"),
      annotation: wireAnnotation.nullable(),
    }),
  ])
  .meta({ id: "Change" });

export const wireChangePage = z
  .object({
    data: z.array(wireChange),
    meta: z.object({
      per_page: z.number().int().min(1),
      /** The cursor to ask with next: the last change's position, or the one asked with. */
      next: z.string(),
      /** The feed's newest position: where a reader that just read the whole hub starts. */
      head: z.string(),
      has_more: z.boolean(),
    }),
  })
  .meta({ id: "ChangePage" });

export const wireToken = z
  .object({
    access_token: z.string().min(1),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().positive(),
  })
  .meta({ id: "Token" });

export const wireListMeta = z.object({
  page: z.number().int().min(1),
  per_page: z.number().int().min(1),
  total: z.number().int().min(0),
});

export function wireList<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), meta: wireListMeta });
}

export const wireError = z
  .object({ error: z.string(), message: z.string().optional() })
  .meta({ id: "Error" });

// ----------------------------------------------------------- create requests

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const hubCreateRequest = z
  .object({
    name: trimmed(200),
    slug,
    domain: z.string().max(253).nullish(),
    hub_kind: z.string().min(1).max(50).default("domain"),
    hub_family: z.string().max(50).nullish(),
    vsm_function: z.string().max(20).nullish(),
    vsm_system: z.union([z.string().max(20), z.number().int()]).nullish(),
  })
  .strict()
  .meta({ id: "HubCreateRequest" });

export const manifestCreateRequest = z
  .object({
    hubId: id,
    description: z.string().max(2000).nullish(),
    widgetTypes: z.array(vocabularyName).max(500).default([]),
    eventTypes: z.array(vocabularyName).max(500).default([]),
    annotationCategories: z.array(vocabularyName).max(500).default([]),
    policyScopes: z.array(vocabularyName).max(500).default([]),
    metadata: metadata.default({}),
  })
  .strict()
  .meta({ id: "HubCapabilityManifestCreateRequest" });

export const apiConsumerCreateRequest = z
  .object({ name: trimmed(200), hubId: id.nullish() })
  .strict()
  .meta({ id: "ApiConsumerCreateRequest" });

export const apiKeyCreateRequest = z
  .object({
    scopes: z.array(scope).min(1).max(20),
    /** [ours] When the key, and every token exchanged for it, stops working. */
    expiresAt: timestamp.optional(),
  })
  .strict()
  .meta({ id: "ApiKeyCreateRequest" });

export const widgetCreateRequest = z
  .object({
    hubId: id,
    widgetType: vocabularyName,
    slug,
    name: trimmed(200),
    metadata: metadata.default({}),
  })
  .strict()
  .meta({ id: "WidgetCreateRequest" });

export const widgetUpdateRequest = z
  .object({ name: trimmed(200).optional(), metadata: metadata.optional() })
  .strict()
  .refine((body) => body.name !== undefined || body.metadata !== undefined, {
    message: "name or metadata is required",
  })
  .meta({ id: "WidgetUpdateRequest" });

export const interactionEventCreateRequest = z
  .object({
    widgetId: id,
    eventType: vocabularyName,
    viewContext: z.string().max(500).nullish(),
    metadata: metadata.default({}),
  })
  .strict()
  .meta({ id: "InteractionEventCreateRequest" });

export const annotationCreateRequest = z
  .object({
    widgetId: id,
    category: vocabularyName,
    body: trimmed(10_000),
    metadata: metadata.default({}),
  })
  .strict()
  .meta({ id: "AnnotationCreateRequest" });

/** The key may come in the body instead of `Authorization: Bearer <key>`. */
export const tokenRequest = z
  .object({ api_key: z.string().min(1).max(200).optional() })
  .strict()
  .meta({ id: "TokenRequest" });

export type HubCreateRequest = z.input<typeof hubCreateRequest>;
export type ManifestCreateRequest = z.input<typeof manifestCreateRequest>;
export type ApiConsumerCreateRequest = z.input<typeof apiConsumerCreateRequest>;
export type ApiKeyCreateRequest = z.input<typeof apiKeyCreateRequest>;
export type WidgetCreateRequest = z.input<typeof widgetCreateRequest>;
export type WidgetUpdateRequest = z.input<typeof widgetUpdateRequest>;
export type InteractionEventCreateRequest = z.input<typeof interactionEventCreateRequest>;
export type AnnotationCreateRequest = z.input<typeof annotationCreateRequest>;

// ------------------------------------------------------------- list queries

export const MAX_PER_PAGE = 200;
/** [ours] `/interaction-events/latest` answers one row per widget and type: larger pages. */
export const MAX_LATEST_PER_PAGE = 20_000;
export const DEFAULT_PER_PAGE = 50;
/** [ours] `GET /changes`: one hub's changes after a cursor. */
export const MAX_CHANGES_PER_PAGE = 1000;

/** A whole number in a query string: digits only, then checked as a number, so its range is documented. */
const queryInteger = (name: string, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a positive integer`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, `${name} must be at least 1`)
        .max(max, `${name} must be at most ${max}`),
    );

const paging = (maxPerPage = MAX_PER_PAGE) => ({
  page: queryInteger("page").default(1).describe("Page number, from 1"),
  per_page: queryInteger("per_page", maxPerPage)
    .default(DEFAULT_PER_PAGE)
    .describe("Items per page"),
});

/** The fields each list sorts by (camelCase, and the snake_case spelling Inter-Hub also takes). */
export const SORT_FIELDS = {
  hubs: ["name", "slug", "createdAt", "created_at"],
  widgets: [
    "name",
    "slug",
    "widgetType",
    "widget_type",
    "createdAt",
    "created_at",
    "updatedAt",
    "updated_at",
  ],
  interaction_events: ["createdAt", "created_at", "eventType", "event_type"],
  annotations: ["createdAt", "created_at", "category"],
} as const;

const sortBy = <Field extends string>(fields: readonly Field[]) => ({
  sort: z
    .enum([...fields, ...fields.map((field) => `-${field}` as const)])
    .optional()
    .describe("Field to sort by; prefixed with - for descending"),
});

/** Every filter a list may honour; each list's query names those it does. */
const filters = {
  q: z.string().max(200).optional().describe("Text search"),
  hub: z.string().min(1).max(120).optional().describe("Hub id or slug"),
  slug: z.string().min(1).max(120).optional().describe("Widget slug"),
  widget_type: z.string().min(1).max(120).optional().describe("Widget type"),
  widget_id: z
    .string()
    .min(1)
    .max(200 * 40)
    .refine((value) => value.split(",").length <= 200, "widget_id takes at most 200 ids")
    .optional()
    .describe("Widget id; [ours] or up to 200 ids separated by commas"),
  event_type: z.string().min(1).max(120).optional().describe("Event type"),
  category: z.string().min(1).max(120).optional().describe("Annotation category"),
  since: timestamp.optional().describe("Created at or after this instant"),
  until: timestamp.optional().describe("Created before this instant"),
};

/** Routes without a query of their own: any parameter is refused. */
export const noQuery = z.object({}).strict();
export const pageQuery = z.object(paging()).strict();
export const hubListQuery = z
  .object({ ...paging(), ...sortBy(SORT_FIELDS.hubs), q: filters.q })
  .strict();
export const hubRegistryQuery = z.object({ ...paging(), q: filters.q }).strict();
export const manifestListQuery = z.object({ ...paging(), hub: filters.hub }).strict();
export const vocabularyListQuery = z
  .object({ ...paging(), hub: filters.hub, q: filters.q })
  .strict();
export const widgetListQuery = z
  .object({
    ...paging(),
    ...sortBy(SORT_FIELDS.widgets),
    q: filters.q,
    hub: filters.hub,
    widget_type: filters.widget_type,
    slug: filters.slug,
  })
  .strict();
export const eventListQuery = z
  .object({
    ...paging(),
    ...sortBy(SORT_FIELDS.interaction_events),
    q: filters.q,
    hub: filters.hub,
    widget_id: filters.widget_id,
    event_type: filters.event_type,
    since: filters.since,
    until: filters.until,
  })
  .strict();
/** [ours] With `until`: the latest as of that instant. */
export const latestEventListQuery = z
  .object({
    ...paging(MAX_LATEST_PER_PAGE),
    hub: filters.hub,
    widget_id: filters.widget_id,
    widget_type: filters.widget_type,
    event_type: filters.event_type,
    until: filters.until.describe("The latest as of this instant"),
  })
  .strict();
export const annotationListQuery = z
  .object({
    ...paging(),
    ...sortBy(SORT_FIELDS.annotations),
    q: filters.q,
    hub: filters.hub,
    widget_id: filters.widget_id,
    category: filters.category,
    since: filters.since,
    until: filters.until,
  })
  .strict();

export const changesQuery = z
  .object({
    hub: z
      .string({ error: "hub is required" })
      .min(1, "hub is required")
      .max(120)
      .describe("Hub id or slug"),
    after: z.string().max(64).optional().describe("The cursor: a change's position, or meta.next"),
    per_page: queryInteger("per_page", MAX_CHANGES_PER_PAGE)
      .default(200)
      .describe("Changes per page"),
  })
  .strict();

/** What a list's service reads: its paging, and the filters its route's query honours. */
export type ListQuery = { page: number; per_page: number; sort?: string } & {
  [Filter in keyof typeof filters]?: z.output<(typeof filters)[Filter]>;
};
export type ChangesQuery = z.output<typeof changesQuery>;

/** [ours] `GET /widget-versions`: a hub's items as they were at an instant. */
export const MAX_AS_OF_PER_PAGE = 1000;
export const widgetsAsOfQuery = z
  .object({
    hub: z
      .string({ error: "hub is required" })
      .min(1, "hub is required")
      .max(120)
      .describe("Hub id or slug"),
    as_of: timestamp.describe("The instant: each widget as its last version by then left it"),
    ...paging(MAX_AS_OF_PER_PAGE),
  })
  .strict();
export type WidgetsAsOfQuery = z.output<typeof widgetsAsOfQuery>;

/** `Idempotency-Key`: a client's name for one write, so a retry is answered, not written twice. */
export const idempotencyKeyHeader = z
  .string()
  .min(1, "Idempotency-Key: must not be empty")
  .max(200, "Idempotency-Key: at most 200 characters");

/** `per_page` → `perPage`: the app's spelling of a wire name. */
type CamelCase<Name extends string> = Name extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;

/**
 * A list's parameters as the app passes them: exactly the ones its wire query
 * honours, camelCased, and for `widget_id` also `widgetIds` (sent comma-separated).
 */
export type ListParamsOf<Query extends z.ZodObject> = {
  [Name in keyof z.output<Query> & string as CamelCase<Name>]?: z.output<Query>[Name];
} & ("widget_id" extends keyof z.output<Query> ? { widgetIds?: string[] } : unknown);

export type PageParams = ListParamsOf<typeof pageQuery>;
export type HubListParams = ListParamsOf<typeof hubListQuery>;
export type HubRegistryParams = ListParamsOf<typeof hubRegistryQuery>;
export type ManifestListParams = ListParamsOf<typeof manifestListQuery>;
export type VocabularyListParams = ListParamsOf<typeof vocabularyListQuery>;
export type WidgetListParams = ListParamsOf<typeof widgetListQuery>;
export type EventListParams = ListParamsOf<typeof eventListQuery>;
export type LatestEventListParams = ListParamsOf<typeof latestEventListQuery>;
export type AnnotationListParams = ListParamsOf<typeof annotationListQuery>;
export type WidgetsAsOfParams = ListParamsOf<typeof widgetsAsOfQuery>;

/** The app's list parameters as the query string the wire expects. */
export function toSearchParams(params: PageParams & { widgetIds?: string[] }): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const name =
      key === "widgetIds" ? "widget_id" : key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    search.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  return search;
}

// ------------------------------------------------ wire shapes → domain types

type WireHub = z.infer<typeof wireHub>;
type WireManifest = z.infer<typeof wireManifest>;
type WireWidget = z.infer<typeof wireWidget>;
type WireEvent = z.infer<typeof wireInteractionEvent>;
type WireAnnotation = z.infer<typeof wireAnnotation>;

export function reshapeHub(hub: WireHub): Hub {
  return {
    id: hub.id,
    name: hub.name,
    slug: hub.slug,
    domain: hub.domain,
    kind: hub.hub_kind,
    family: hub.hub_family,
    vsmFunction: hub.vsm_function,
    vsmSystem: hub.vsm_system,
    createdAt: hub.createdAt,
  };
}

export function reshapeManifest(manifest: WireManifest): Manifest {
  return { ...manifest };
}

/** Metadata as the app keeps it (an item's, an event's, an annotation's): what is larger than it reads is named, not held. */
function keptMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  // What the embedded hub accepts today; a store may hold more from before its limit, or another hub send it.
  const size = JSON.stringify(metadata).length;
  if (size <= MAX_METADATA_BYTES) return metadata;
  return unreadableMetadata(
    `metadata of ${Math.ceil(size / 1024)} KiB is more than ops-hub reads (${MAX_METADATA_BYTES / 1024} KiB)`,
  );
}

export function reshapeWidget(widget: WireWidget): Widget {
  return {
    id: widget.id,
    hubId: widget.hubId,
    type: widget.widgetType,
    slug: widget.slug,
    name: widget.name,
    metadata: keptMetadata(widget.metadata),
    version: widget.version,
    createdAt: widget.createdAt,
    updatedAt: widget.updatedAt,
  };
}

export function reshapeEvent(event: WireEvent): InteractionEvent {
  return {
    id: event.id,
    hubId: event.hubId,
    widgetId: event.widgetId,
    type: event.eventType,
    viewContext: event.viewContext,
    metadata: keptMetadata(event.metadata),
    recordedBy: event.recordedBy,
    createdAt: event.createdAt,
  };
}

export function reshapeAnnotation(annotation: WireAnnotation): Annotation {
  return {
    id: annotation.id,
    hubId: annotation.hubId,
    widgetId: annotation.widgetId,
    category: annotation.category,
    body: annotation.body,
    metadata: keptMetadata(annotation.metadata),
    recordedBy: annotation.recordedBy,
    createdAt: annotation.createdAt,
  };
}

export function reshapeChangePage(page: z.infer<typeof wireChangePage>): ChangePage {
  return {
    changes: page.data.map((change) => {
      const { position, at, widgetId, id } = change;
      const base = { position, at, widgetId, id };
      switch (change.resource) {
        case "widget":
          return {
            ...base,
            resource: "widget",
            action: change.action,
            widget: change.widget && reshapeWidget(change.widget),
          };
        case "interaction-event":
          return {
            ...base,
            resource: "interaction-event",
            action: "created",
            event: change.event && reshapeEvent(change.event),
          };
        case "annotation":
          return {
            ...base,
            resource: "annotation",
            action: "created",
            annotation: change.annotation && reshapeAnnotation(change.annotation),
          };
      }
    }),
    next: page.meta.next,
    head: page.meta.head,
    hasMore: page.meta.has_more,
  };
}

export type ApiConsumer = z.infer<typeof wireApiConsumer>;
export type ApiKey = z.infer<typeof wireApiKey>;
export type CreatedApiKey = z.infer<typeof wireCreatedApiKey>;
