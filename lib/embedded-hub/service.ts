import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { sql, type Insertable, type SelectQueryBuilder } from "kysely";
import type { z } from "zod";
import type {
  annotationCreateRequest,
  apiConsumerCreateRequest,
  apiKeyCreateRequest,
  hubCreateRequest,
  interactionEventCreateRequest,
  ListQuery,
  manifestCreateRequest,
  widgetCreateRequest,
  widgetUpdateRequest,
} from "@/lib/interhub/wire";
import { hashSecret, randomToken, sha256, verifySecret } from "@/lib/security/secret-hash";
import { createBatchLoader, createBatchWriter } from "@/lib/db/batching";
import { isUniqueViolation } from "@/lib/db/errors";
import { groupBy } from "@/lib/domain/group-by";
import { toCount, type Db } from "@/lib/db/database";
import type { Database, VocabularyKind } from "@/lib/db/schema";
import { HubFault } from "./faults";
import * as toWire from "./to-wire";

/**
 * The embedded Inter-Hub: hubs, manifests and their vocabulary, API consumers
 * and keys, widgets with version rows, interaction events and annotations.
 * Every method takes the caller's `Principal` and enforces its scopes, so the
 * HTTP layer only parses and serializes.
 */
export type Principal = { keyId: string; consumerId: string; scopes: string[] };

export const TOKEN_LIFETIME_SECONDS = 3600;
const VERIFIED_KEY_CACHE_MS = 5 * 60_000;
const PRINCIPAL_CACHE_MS = 1_000;

type Request<T extends z.ZodType> = z.output<T>;

const VOCABULARY: {
  kind: VocabularyKind;
  field: "widget_types" | "event_types" | "annotation_categories" | "policy_scopes";
}[] = [
  { kind: "widget_type", field: "widget_types" },
  { kind: "event_type", field: "event_types" },
  { kind: "annotation_category", field: "annotation_categories" },
  { kind: "policy_scope", field: "policy_scopes" },
];

const SORTABLE: Record<string, Record<string, string>> = {
  hubs: { name: "name", slug: "slug", createdAt: "created_at", created_at: "created_at" },
  widgets: {
    name: "name",
    slug: "slug",
    widgetType: "widget_type",
    widget_type: "widget_type",
    createdAt: "created_at",
    created_at: "created_at",
    updatedAt: "updated_at",
    updated_at: "updated_at",
  },
  interaction_events: {
    createdAt: "created_at",
    created_at: "created_at",
    eventType: "event_type",
    event_type: "event_type",
  },
  annotations: { createdAt: "created_at", created_at: "created_at", category: "category" },
};

export function createHubService(db: Db, options: { now?: () => Date } = {}) {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  // Key checks are slow on purpose (scrypt); a verified key is remembered for a
  // few minutes by its digest, never by its value.
  const verifiedKeys = new Map<string, { keyId: string; until: number }>();

  // ------------------------------------------------------------ access

  const has = (principal: Principal | null, scope: string) =>
    !!principal &&
    (principal.scopes.includes("framework:admin") || principal.scopes.includes(scope));
  const canReadHub = (principal: Principal | null, slug: string) =>
    has(principal, `hub:${slug}:read`) || has(principal, `hub:${slug}:write`);

  function requireScope(principal: Principal | null, scope: string) {
    if (!principal) throw HubFault.unauthenticated();
    if (!has(principal, scope)) throw HubFault.forbidden();
  }
  function requireFramework(principal: Principal | null) {
    if (!principal) throw HubFault.unauthenticated();
    if (!has(principal, "framework:read") && !has(principal, "framework:admin"))
      throw HubFault.forbidden();
  }

  /**
   * A key's consumer and scopes, read again at most every second: an ingest
   * would otherwise pay a query for them on every event, and a key revoked in
   * the database (by any instance) still stops working within a second.
   */
  const principals = new Map<string, { principal: Principal | null; until: number }>();

  async function principalForKey(keyId: string): Promise<Principal | null> {
    const cached = principals.get(keyId);
    if (cached && cached.until > Date.now()) return cached.principal;
    const principal = await readPrincipal(keyId);
    principals.set(keyId, { principal, until: Date.now() + PRINCIPAL_CACHE_MS });
    return principal;
  }

  async function readPrincipal(keyId: string): Promise<Principal | null> {
    const key = await db
      .selectFrom("api_keys")
      .select(["id", "consumer_id", "scopes"])
      .where("id", "=", keyId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return key
      ? { keyId: key.id, consumerId: key.consumer_id, scopes: JSON.parse(key.scopes) as string[] }
      : null;
  }

  /** Resolves `Authorization: Bearer <token or static key>`; null when absent or invalid. */
  async function authenticate(credential: string | undefined): Promise<Principal | null> {
    if (!credential) return null;
    if (credential.startsWith("iht_")) {
      const token = await db
        .selectFrom("access_tokens")
        .select(["key_id", "expires_at"])
        .where("token_hash", "=", sha256(credential))
        .executeTakeFirst();
      return token && token.expires_at > now() ? principalForKey(token.key_id) : null;
    }
    const keyId = await verifyStaticKey(credential);
    return keyId ? principalForKey(keyId) : null;
  }

  async function verifyStaticKey(key: string): Promise<string | null> {
    const digest = sha256(key);
    const cached = verifiedKeys.get(digest);
    if (cached && cached.until > Date.now()) return cached.keyId;
    const match = /^ihk_([0-9a-f]{8})_[A-Za-z0-9_-]{20,}$/.exec(key);
    if (!match) return null;
    const row = await db
      .selectFrom("api_keys")
      .select(["id", "hash"])
      .where("prefix", "=", match[1]!)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!row || !(await verifySecret(key, row.hash))) return null;
    verifiedKeys.set(digest, { keyId: row.id, until: Date.now() + VERIFIED_KEY_CACHE_MS });
    return row.id;
  }

  async function exchangeToken(staticKey: string | undefined) {
    const keyId =
      staticKey && !staticKey.startsWith("iht_") ? await verifyStaticKey(staticKey) : null;
    if (!keyId) throw HubFault.unauthenticated();
    const token = `iht_${randomToken()}`;
    const expiresAt = new Date(Date.parse(now()) + TOKEN_LIFETIME_SECONDS * 1000).toISOString();
    await db.deleteFrom("access_tokens").where("expires_at", "<", now()).execute();
    await db
      .insertInto("access_tokens")
      .values({ token_hash: sha256(token), key_id: keyId, expires_at: expiresAt })
      .execute();
    return {
      access_token: token,
      token_type: "Bearer" as const,
      expires_in: TOKEN_LIFETIME_SECONDS,
    };
  }

  // ------------------------------------------------------------ lookups

  async function findHub(idOrSlug: string) {
    return db
      .selectFrom("hubs")
      .selectAll()
      .where((eb) => eb.or([eb("id", "=", idOrSlug), eb("slug", "=", idOrSlug)]))
      .executeTakeFirst();
  }

  async function requireHub(idOrSlug: string) {
    const hub = await findHub(idOrSlug);
    if (!hub) throw HubFault.notFound(`hub ${idOrSlug}`);
    return hub;
  }

  async function isDeclared(kind: VocabularyKind, name: string, hubId: string) {
    const row = await db
      .selectFrom("vocabulary")
      .select("name")
      .where("kind", "=", kind)
      .where("name", "=", name)
      .where("hub_id", "=", hubId)
      .executeTakeFirst();
    return !!row;
  }

  async function readableHubIds(
    principal: Principal | null,
    hubFilter: string | undefined,
  ): Promise<string[]> {
    if (!principal) throw HubFault.unauthenticated();
    if (hubFilter) {
      const hub = await findHub(hubFilter);
      if (!hub) return [];
      if (!canReadHub(principal, hub.slug)) throw HubFault.forbidden();
      return [hub.id];
    }
    const hubs = await db.selectFrom("hubs").select(["id", "slug"]).execute();
    return hubs.filter((hub) => canReadHub(principal, hub.slug)).map((hub) => hub.id);
  }

  /** The ids of a comma-separated list that name widgets of readable hubs (events of deleted widgets: by their hub). */
  async function readableWidgetIds(hubIds: string[], list: string): Promise<string[]> {
    const ids = list.split(",");
    const [live, past] = await Promise.all([
      db
        .selectFrom("widgets")
        .select("id")
        .where("id", "in", ids)
        .where("hub_id", "in", nonEmpty(hubIds))
        .execute(),
      db
        .selectFrom("latest_events")
        .select("widget_id")
        .where("widget_id", "in", ids)
        .where("hub_id", "in", nonEmpty(hubIds))
        .execute(),
    ]);
    return [...new Set([...live.map((r) => r.id), ...past.map((r) => r.widget_id)])].concat("");
  }

  /**
   * The hub ids for `hub_id in (…)`, never an empty list (invalid SQL) and no
   * padding for one hub (the usual case): the planner reads `in (one)` as `=`,
   * so an index on (hub_id, sort column) also gives the order.
   */
  function nonEmpty(hubIds: string[]) {
    return hubIds.length > 0 ? hubIds : [""];
  }

  function orderBy(table: keyof typeof SORTABLE, sort: string | undefined, fallback: string) {
    const value = sort ?? fallback;
    const descending = value.startsWith("-");
    const field = descending ? value.slice(1) : value;
    const column = SORTABLE[table]![field];
    if (!column) throw HubFault.badRequest(`sort: unknown field "${field}"`);
    return { column, direction: descending ? ("desc" as const) : ("asc" as const) };
  }

  function paging(query: ListQuery) {
    return { limit: query.per_page, offset: (query.page - 1) * query.per_page };
  }

  function meta(query: ListQuery, total: unknown) {
    return { page: query.page, per_page: query.per_page, total: toCount(total) };
  }

  /** One page of a filtered query, with the total that the filters match. */
  async function pageOf<TB extends keyof Database, W>(
    base: SelectQueryBuilder<Database, TB, object>,
    query: ListQuery,
    order: { column: string; direction: "asc" | "desc" },
    toWireRow: (row: Database[NoInfer<TB>]) => W,
  ) {
    const { limit, offset } = paging(query);
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy(sql.ref(order.column), order.direction)
        .orderBy(sql.ref("id"), order.direction)
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    ]);
    return { data: rows.map((row) => toWireRow(row as Database[TB])), meta: meta(query, count?.n) };
  }

  // ------------------------------------------------------------ hubs

  async function listHubs(query: ListQuery) {
    let base = db.selectFrom("hubs");
    if (query.q)
      base = base.where((eb) =>
        eb.or([eb("name", "like", `%${query.q}%`), eb("slug", "like", `%${query.q}%`)]),
      );
    return pageOf(base, query, orderBy("hubs", query.sort, "name"), toWire.hub);
  }

  async function getHub(principal: Principal | null, idOrSlug: string) {
    requireFramework(principal);
    return toWire.hub(await requireHub(idOrSlug));
  }

  async function createHub(principal: Principal | null, body: Request<typeof hubCreateRequest>) {
    requireScope(principal, "framework:admin");
    if (await findHub(body.slug))
      throw HubFault.conflict("hub_exists", `a hub with slug ${body.slug} exists`);
    const row = {
      id: randomUUID(),
      name: body.name,
      slug: body.slug,
      domain: body.domain ?? null,
      hub_kind: body.hub_kind,
      hub_family: body.hub_family ?? null,
      vsm_function: body.vsm_function ?? null,
      vsm_system: body.vsm_system == null ? null : String(body.vsm_system),
      created_at: now(),
    };
    await db.insertInto("hubs").values(row).execute();
    return toWire.hub(row);
  }

  // ------------------------------------------------------------ manifests

  async function listManifests(principal: Principal | null, query: ListQuery) {
    requireFramework(principal);
    let base = db.selectFrom("manifests");
    if (query.hub) {
      const hub = await findHub(query.hub);
      base = base.where("hub_id", "=", hub?.id ?? "");
    }
    return pageOf(base, query, { column: "created_at", direction: "desc" }, toWire.manifest);
  }

  async function getManifest(principal: Principal | null, id: string) {
    requireFramework(principal);
    const row = await db
      .selectFrom("manifests")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw HubFault.notFound(`manifest ${id}`);
    return toWire.manifest(row);
  }

  async function createManifest(
    principal: Principal | null,
    body: Request<typeof manifestCreateRequest>,
  ) {
    requireScope(principal, "framework:admin");
    const hub = await requireHub(body.hubId);
    const row = {
      id: randomUUID(),
      hub_id: hub.id,
      status: "draft" as const,
      description: body.description ?? null,
      widget_types: JSON.stringify(unique(body.widgetTypes)),
      event_types: JSON.stringify(unique(body.eventTypes)),
      annotation_categories: JSON.stringify(unique(body.annotationCategories)),
      policy_scopes: JSON.stringify(unique(body.policyScopes)),
      metadata: JSON.stringify(body.metadata),
      created_at: now(),
      activated_at: null,
    };
    await db.insertInto("manifests").values(row).execute();
    return toWire.manifest(row);
  }

  /** Activating registers the manifest's vocabulary and supersedes the hub's previous manifest. */
  async function activateManifest(principal: Principal | null, id: string) {
    requireScope(principal, "framework:admin");
    return db.transaction().execute(async (trx) => {
      const manifest = await trx
        .selectFrom("manifests")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!manifest) throw HubFault.notFound(`manifest ${id}`);
      if (manifest.status === "active") return toWire.manifest(manifest);
      const wanted = VOCABULARY.flatMap(({ kind, field }) =>
        (JSON.parse(manifest[field]) as string[]).map((name) => ({ kind, name })),
      );
      const taken = await trx
        .selectFrom("vocabulary")
        .select(["kind", "name"])
        .where("hub_id", "!=", manifest.hub_id)
        .execute();
      const conflicts = wanted.filter((w) =>
        taken.some((t) => t.kind === w.kind && t.name === w.name),
      );
      if (conflicts.length > 0) {
        throw HubFault.conflict(
          "vocabulary_conflict",
          `already registered by another hub: ${conflicts.map((c) => `${c.kind} ${c.name}`).join(", ")}`,
        );
      }
      await trx.deleteFrom("vocabulary").where("hub_id", "=", manifest.hub_id).execute();
      if (wanted.length > 0) {
        await trx
          .insertInto("vocabulary")
          .values(wanted.map((w) => ({ ...w, hub_id: manifest.hub_id, manifest_id: manifest.id })))
          .execute();
      }
      await trx
        .updateTable("manifests")
        .set({ status: "superseded" })
        .where("hub_id", "=", manifest.hub_id)
        .where("status", "=", "active")
        .execute();
      const activatedAt = now();
      await trx
        .updateTable("manifests")
        .set({ status: "active", activated_at: activatedAt })
        .where("id", "=", id)
        .execute();
      return toWire.manifest({ ...manifest, status: "active", activated_at: activatedAt });
    });
  }

  async function listVocabulary(
    principal: Principal | null,
    kind: VocabularyKind,
    query: ListQuery,
    isPublic = false,
  ) {
    if (!isPublic) requireFramework(principal);
    let base = db
      .selectFrom("vocabulary")
      .innerJoin("hubs", "hubs.id", "vocabulary.hub_id")
      .where("vocabulary.kind", "=", kind);
    if (query.hub)
      base = base.where((eb) =>
        eb.or([eb("hubs.id", "=", query.hub!), eb("hubs.slug", "=", query.hub!)]),
      );
    if (query.q) base = base.where("vocabulary.name", "like", `%${query.q}%`);
    const [rows, count] = await Promise.all([
      base
        .select([
          "vocabulary.name",
          "vocabulary.hub_id",
          "vocabulary.manifest_id",
          "hubs.slug as hub_slug",
        ])
        .orderBy("vocabulary.name")
        .limit(paging(query).limit)
        .offset(paging(query).offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    ]);
    return {
      data: rows.map((row) => ({
        name: row.name,
        hubId: row.hub_id,
        hubSlug: row.hub_slug,
        manifestId: row.manifest_id,
      })),
      meta: meta(query, count?.n),
    };
  }

  // ------------------------------------------------------------ consumers and keys

  async function listApiConsumers(principal: Principal | null, query: ListQuery) {
    requireScope(principal, "framework:admin");
    const base = db.selectFrom("api_consumers");
    return pageOf(base, query, { column: "name", direction: "asc" }, toWire.apiConsumer);
  }

  async function createApiConsumer(
    principal: Principal | null,
    body: Request<typeof apiConsumerCreateRequest>,
  ) {
    requireScope(principal, "framework:admin");
    const hub = body.hubId ? await requireHub(body.hubId) : null;
    const row = { id: randomUUID(), name: body.name, hub_id: hub?.id ?? null, created_at: now() };
    await db.insertInto("api_consumers").values(row).execute();
    return toWire.apiConsumer(row);
  }

  async function requireConsumer(id: string) {
    const consumer = await db
      .selectFrom("api_consumers")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!consumer) throw HubFault.notFound(`API consumer ${id}`);
    return consumer;
  }

  async function listApiKeys(principal: Principal | null, consumerId: string, query: ListQuery) {
    requireScope(principal, "framework:admin");
    await requireConsumer(consumerId);
    const base = db.selectFrom("api_keys").where("consumer_id", "=", consumerId);
    return pageOf(base, query, { column: "created_at", direction: "asc" }, toWire.apiKey);
  }

  /** The full key is answered once; only its prefix and a slow hash are stored. */
  async function createApiKey(
    principal: Principal | null,
    consumerId: string,
    body: Request<typeof apiKeyCreateRequest>,
  ) {
    requireScope(principal, "framework:admin");
    await requireConsumer(consumerId);
    return insertApiKey(consumerId, unique(body.scopes));
  }

  async function insertApiKey(consumerId: string, scopes: string[]) {
    for (;;) {
      const prefix = randomBytes(4).toString("hex");
      const key = `ihk_${prefix}_${randomToken()}`;
      const clash = await db
        .selectFrom("api_keys")
        .select("id")
        .where("prefix", "=", prefix)
        .executeTakeFirst();
      if (clash) continue;
      const row = {
        id: randomUUID(),
        consumer_id: consumerId,
        prefix,
        hash: await hashSecret(key),
        scopes: JSON.stringify(scopes),
        created_at: now(),
        revoked_at: null,
      };
      await db.insertInto("api_keys").values(row).execute();
      return { ...toWire.apiKey(row), key };
    }
  }

  /**
   * The first key of a new embedded hub: nobody can call the API without one,
   * so it is made here, outside the API, as Inter-Hub's own bootstrap does.
   */
  async function createBootstrapOperatorKey(name: string) {
    const consumer = { id: randomUUID(), name, hub_id: null, created_at: now() };
    await db.insertInto("api_consumers").values(consumer).execute();
    return insertApiKey(consumer.id, ["framework:admin"]);
  }

  // ------------------------------------------------------------ registry

  async function registryEntry(hub: Database["hubs"]) {
    const [manifest, widgets, events, annotations] = await Promise.all([
      db
        .selectFrom("manifests")
        .selectAll()
        .where("hub_id", "=", hub.id)
        .where("status", "=", "active")
        .executeTakeFirst(),
      db
        .selectFrom("widgets")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("hub_id", "=", hub.id)
        .executeTakeFirst(),
      db
        .selectFrom("interaction_events")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("hub_id", "=", hub.id)
        .executeTakeFirst(),
      db
        .selectFrom("annotations")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("hub_id", "=", hub.id)
        .executeTakeFirst(),
    ]);
    return {
      hub: toWire.hub(hub),
      manifest: manifest ? toWire.manifest(manifest) : null,
      counts: {
        widgets: toCount(widgets?.n),
        interactionEvents: toCount(events?.n),
        annotations: toCount(annotations?.n),
      },
    };
  }

  async function listHubRegistry(principal: Principal | null, query: ListQuery) {
    requireFramework(principal);
    const hubs = await listHubs(query);
    const rows = await db
      .selectFrom("hubs")
      .selectAll()
      .where("id", "in", hubs.data.map((h) => h.id).concat(""))
      .orderBy("name")
      .execute();
    return { data: await Promise.all(rows.map(registryEntry)), meta: hubs.meta };
  }

  async function getHubRegistryEntry(principal: Principal | null, hubIdOrSlug: string) {
    requireFramework(principal);
    return registryEntry(await requireHub(hubIdOrSlug));
  }

  // ------------------------------------------------------------ widgets

  async function requireWidget(principal: Principal | null, id: string, write = false) {
    if (!principal) throw HubFault.unauthenticated();
    const widget = await db
      .selectFrom("widgets")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!widget) throw HubFault.notFound(`widget ${id}`);
    const hub = await requireHub(widget.hub_id);
    if (write ? !has(principal, `hub:${hub.slug}:write`) : !canReadHub(principal, hub.slug))
      throw HubFault.forbidden();
    return { widget, hub };
  }

  async function listWidgets(principal: Principal | null, query: ListQuery) {
    const hubIds = await readableHubIds(principal, query.hub);
    let base = db.selectFrom("widgets").where("hub_id", "in", nonEmpty(hubIds));
    if (query.widget_type) base = base.where("widget_type", "=", query.widget_type);
    if (query.slug) base = base.where("slug", "=", query.slug);
    if (query.q) {
      const like = `%${query.q.toLowerCase()}%`;
      base = base.where((eb) =>
        eb.or([
          eb(eb.fn("lower", ["name"]), "like", like),
          eb("slug", "like", like),
          eb(eb.fn("lower", ["metadata"]), "like", like),
        ]),
      );
    }
    return pageOf(base, query, orderBy("widgets", query.sort, "slug"), toWire.widget);
  }

  async function getWidget(principal: Principal | null, id: string) {
    return toWire.widget((await requireWidget(principal, id)).widget);
  }

  type WidgetRow = Insertable<Database["widgets"]> & { hub_id: string; slug: string };
  type NewWidget = {
    row: WidgetRow;
    version: Insertable<Database["widget_versions"]>;
    hubSlug: string;
  };

  /**
   * Widgets, too, arrive in bulk (an import, a bootstrap): those of one moment
   * share a commit. A slug taken already (or twice in the batch) fails the
   * batch, and then each is written alone: only the clashing one hears 409.
   */
  const widgetExists = ({ row, hubSlug }: NewWidget) =>
    HubFault.conflict("widget_exists", `a widget with slug ${row.slug} exists in ${hubSlug}`);
  const writeWidget = createBatchWriter<NewWidget>(async (widgets) => {
    await db
      .transaction()
      .execute(async (trx) => {
        // One read per hub finds every clash in the batch, not one per widget.
        for (const [hubId, ofHub] of groupBy(widgets, (widget) => widget.row.hub_id)) {
          const slugs = ofHub.map((widget) => widget.row.slug);
          const taken = await trx
            .selectFrom("widgets")
            .select("slug")
            .where("hub_id", "=", hubId)
            .where("slug", "in", slugs)
            .executeTakeFirst();
          const twice = slugs.find((slug, i) => slugs.indexOf(slug) !== i);
          const clash = taken?.slug ?? twice;
          if (clash !== undefined)
            throw widgetExists(ofHub.find((widget) => widget.row.slug === clash)!);
        }
        await trx
          .insertInto("widgets")
          .values(widgets.map((widget) => widget.row))
          .execute();
        await trx
          .insertInto("widget_versions")
          .values(widgets.map((widget) => widget.version))
          .execute();
      })
      .catch((error: unknown) => {
        // A concurrent batch took the slug between the read above and this write.
        if (widgets.length === 1 && isUniqueViolation(error)) throw widgetExists(widgets[0]!);
        throw error;
      });
  });

  /**
   * Widgets, too, come in bulk (an import, a bootstrap): the lookups of one
   * moment are one read, which finds each hub (by id or slug) and whether it
   * declares the widget type (the same checks as requireHub and isDeclared).
   */
  const findWidgetHome = createBatchLoader(async (keys: { hub: string; widgetType: string }[]) => {
    const hubs = [...new Set(keys.map((key) => key.hub))];
    const rows = await db
      .selectFrom("hubs as h")
      .leftJoin("vocabulary as v", (join) =>
        join
          .onRef("v.hub_id", "=", "h.id")
          .on("v.kind", "=", "widget_type")
          .on("v.name", "in", [...new Set(keys.map((key) => key.widgetType))]),
      )
      .select(["h.id", "h.slug", "v.name as declared"])
      .where((eb) => eb.or([eb("h.id", "in", hubs), eb("h.slug", "in", hubs)]))
      .execute();
    return keys.map(({ hub, widgetType }) => {
      const found = rows.filter((row) => row.id === hub || row.slug === hub);
      if (found.length === 0) return undefined;
      const { id, slug } = found[0]!;
      return { id, slug, declared: found.some((row) => row.declared === widgetType) };
    });
  });

  async function createWidget(
    principal: Principal | null,
    body: Request<typeof widgetCreateRequest>,
  ) {
    if (!principal) throw HubFault.unauthenticated();
    const hub = await findWidgetHome({ hub: body.hubId, widgetType: body.widgetType });
    if (!hub) throw HubFault.notFound(`hub ${body.hubId}`);
    if (!has(principal, `hub:${hub.slug}:write`)) throw HubFault.forbidden();
    if (!hub.declared) throw HubFault.unknownVocabulary("unknown_widget_type");
    const at = now();
    const row = {
      id: randomUUID(),
      hub_id: hub.id,
      widget_type: body.widgetType,
      slug: body.slug,
      name: body.name,
      metadata: JSON.stringify(body.metadata),
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await writeWidget({ row, version: versionRow(row, "created", principal), hubSlug: hub.slug });
    return toWire.widget(row);
  }

  async function updateWidget(
    principal: Principal | null,
    id: string,
    body: Request<typeof widgetUpdateRequest>,
  ) {
    const { widget } = await requireWidget(principal, id, true);
    const row = {
      ...widget,
      name: body.name ?? widget.name,
      metadata: body.metadata ? JSON.stringify(body.metadata) : widget.metadata,
      version: widget.version + 1,
      updated_at: now(),
    };
    await db.transaction().execute(async (trx) => {
      // Optimistic: a concurrent update bumped the version first.
      const result = await trx
        .updateTable("widgets")
        .set({
          name: row.name,
          metadata: row.metadata,
          version: row.version,
          updated_at: row.updated_at,
        })
        .where("id", "=", id)
        .where("version", "=", widget.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1)
        throw HubFault.conflict("version_conflict", "the widget changed meanwhile; retry");
      await trx
        .insertInto("widget_versions")
        .values(versionRow(row, "updated", principal))
        .execute();
    });
    return toWire.widget(row);
  }

  async function deleteWidget(principal: Principal | null, id: string) {
    const { widget } = await requireWidget(principal, id, true);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("widgets").where("id", "=", id).execute();
      await trx
        .insertInto("widget_versions")
        .values(
          versionRow(
            { ...widget, version: widget.version + 1, updated_at: now() },
            "deleted",
            principal,
          ),
        )
        .execute();
    });
  }

  function versionRow(
    widget: Database["widgets"],
    change: "created" | "updated" | "deleted",
    principal: Principal | null,
  ) {
    return {
      id: randomUUID(),
      widget_id: widget.id,
      version: widget.version,
      change,
      snapshot: JSON.stringify(toWire.widget(widget)),
      recorded_by: principal?.consumerId ?? null,
      created_at: widget.updated_at,
    };
  }

  async function listWidgetVersions(widgetId: string) {
    return db
      .selectFrom("widget_versions")
      .selectAll()
      .where("widget_id", "=", widgetId)
      .orderBy("version")
      .execute();
  }

  // ------------------------------------------------------------ events and annotations

  async function listEvents(principal: Principal | null, query: ListQuery) {
    const hubIds = await readableHubIds(principal, query.hub);
    let base = db.selectFrom("interaction_events");
    // With widget ids, scope by the widgets instead of by hub: the planner then
    // walks the (widget_id, created_at) index rather than a hub's whole history.
    base = query.widget_id
      ? base.where("widget_id", "in", await readableWidgetIds(hubIds, query.widget_id))
      : base.where("hub_id", "in", nonEmpty(hubIds));
    if (query.event_type) base = base.where("event_type", "=", query.event_type);
    if (query.since) base = base.where("created_at", ">=", iso(query.since));
    if (query.until) base = base.where("created_at", "<", iso(query.until));
    if (query.q)
      base = base.where((eb) =>
        eb(eb.fn("lower", ["metadata"]), "like", `%${query.q!.toLowerCase()}%`),
      );
    return pageOf(
      base,
      query,
      orderBy("interaction_events", query.sort, "-created_at"),
      toWire.event,
    );
  }

  type EventRow = Insertable<Database["interaction_events"]> & { id: string; created_at: string };

  /** Events come in streams (probes, API clients): those of one moment share a commit. */
  const writeEvent = createBatchWriter<EventRow>((rows) =>
    db.transaction().execute(async (trx) => {
      await trx.insertInto("interaction_events").values(rows).execute();
      // One row per widget and type (a statement may not update a row twice): the newest.
      const latest = new Map<string, EventRow>();
      for (const row of rows) {
        const key = `${row.widget_id}\n${row.event_type}`;
        const seen = latest.get(key);
        if (
          !seen ||
          seen.created_at < row.created_at ||
          (seen.created_at === row.created_at && seen.id < row.id)
        )
          latest.set(key, row);
      }
      await trx
        .insertInto("latest_events")
        .values(
          [...latest.values()].map((row) => ({
            widget_id: row.widget_id,
            event_type: row.event_type,
            hub_id: row.hub_id,
            event_id: row.id,
            created_at: row.created_at,
          })),
        )
        .onConflict((conflict) =>
          conflict
            .columns(["widget_id", "event_type"])
            .doUpdateSet((eb) => ({
              event_id: eb.ref("excluded.event_id"),
              created_at: eb.ref("excluded.created_at"),
            }))
            .where((eb) => eb("latest_events.created_at", "<=", eb.ref("excluded.created_at"))),
        )
        .execute();
    }),
  );

  /**
   * Events come in streams: the lookups of one moment are one read, which
   * finds each widget, its hub, and whether the hub declares the event type
   * (the same checks as requireWidget and isDeclared).
   */
  const findEventTarget = createBatchLoader(
    async (keys: { widgetId: string; eventType: string }[]) => {
      const rows = await db
        .selectFrom("widgets as w")
        .innerJoin("hubs as h", "h.id", "w.hub_id")
        .leftJoin("vocabulary as v", (join) =>
          join
            .onRef("v.hub_id", "=", "w.hub_id")
            .on("v.kind", "=", "event_type")
            .on("v.name", "in", [...new Set(keys.map((key) => key.eventType))]),
        )
        .select(["w.id", "w.hub_id", "h.slug", "v.name as declared"])
        .where("w.id", "in", [...new Set(keys.map((key) => key.widgetId))])
        .execute();
      const byWidget = groupBy(rows, (row) => row.id);
      return keys.map(({ widgetId, eventType }) => {
        const found = byWidget.get(widgetId);
        if (!found) return undefined;
        const { id, hub_id, slug } = found[0]!;
        return { id, hub_id, slug, declared: found.some((row) => row.declared === eventType) };
      });
    },
  );

  async function createEvent(
    principal: Principal | null,
    body: Request<typeof interactionEventCreateRequest>,
  ) {
    if (!principal) throw HubFault.unauthenticated();
    const target = await findEventTarget({ widgetId: body.widgetId, eventType: body.eventType });
    if (!target) throw HubFault.notFound(`widget ${body.widgetId}`);
    if (!has(principal, `hub:${target.slug}:write`)) throw HubFault.forbidden();
    if (!target.declared) throw HubFault.unknownVocabulary("unknown_event_type");
    const row = {
      id: randomUUID(),
      hub_id: target.hub_id,
      widget_id: target.id,
      event_type: body.eventType,
      view_context: body.viewContext ?? null,
      metadata: JSON.stringify(body.metadata),
      recorded_by: principal?.consumerId ?? null,
      created_at: now(),
    };
    await writeEvent(row);
    return toWire.event(row);
  }

  /**
   * [ours] The latest event per widget and event type: an indexed read of the
   * latest_events table, not a scan. With `until`, the latest as of that
   * instant, from the history (give widget ids to keep that read narrow).
   */
  async function listLatestEvents(principal: Principal | null, query: ListQuery) {
    const hubIds = await readableHubIds(principal, query.hub);
    if (query.until) return listLatestEventsUntil(hubIds, query, iso(query.until));
    let base = db
      .selectFrom("latest_events as l")
      .innerJoin("interaction_events as e", "e.id", "l.event_id")
      .where("l.hub_id", "in", nonEmpty(hubIds));
    if (query.event_type) base = base.where("l.event_type", "=", query.event_type);
    if (query.widget_id) base = base.where("l.widget_id", "in", query.widget_id.split(","));
    if (query.widget_type) {
      base = base.where(
        "l.widget_id",
        "in",
        db.selectFrom("widgets").select("id").where("widget_type", "=", query.widget_type),
      );
    }
    const { limit, offset } = paging(query);
    const [rows, count] = await Promise.all([
      base
        .selectAll("e")
        .orderBy("l.widget_id")
        .orderBy("l.event_type")
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    ]);
    return { data: rows.map(toWire.event), meta: meta(query, count?.n) };
  }

  async function listLatestEventsUntil(hubIds: string[], query: ListQuery, until: string) {
    let base = db
      .selectFrom("interaction_events as e")
      .where("e.hub_id", "in", nonEmpty(hubIds))
      .where("e.created_at", "<", until)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("interaction_events as n")
              .select("n.id")
              .whereRef("n.widget_id", "=", "e.widget_id")
              .whereRef("n.event_type", "=", "e.event_type")
              .where("n.created_at", "<", until)
              .where((eb) =>
                eb.or([
                  eb("n.created_at", ">", eb.ref("e.created_at")),
                  eb.and([
                    eb("n.created_at", "=", eb.ref("e.created_at")),
                    eb("n.id", ">", eb.ref("e.id")),
                  ]),
                ]),
              ),
          ),
        ),
      );
    if (query.event_type) base = base.where("e.event_type", "=", query.event_type);
    if (query.widget_id) base = base.where("e.widget_id", "in", query.widget_id.split(","));
    const { limit, offset } = paging(query);
    const [rows, count] = await Promise.all([
      base
        .selectAll("e")
        .orderBy("e.widget_id")
        .orderBy("e.event_type")
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    ]);
    return { data: rows.map(toWire.event), meta: meta(query, count?.n) };
  }

  async function listAnnotations(principal: Principal | null, query: ListQuery) {
    const hubIds = await readableHubIds(principal, query.hub);
    let base = db.selectFrom("annotations");
    base = query.widget_id
      ? base.where("widget_id", "in", await readableWidgetIds(hubIds, query.widget_id))
      : base.where("hub_id", "in", nonEmpty(hubIds));
    if (query.category) base = base.where("category", "=", query.category);
    if (query.since) base = base.where("created_at", ">=", iso(query.since));
    if (query.until) base = base.where("created_at", "<", iso(query.until));
    if (query.q)
      base = base.where((eb) =>
        eb(eb.fn("lower", ["body"]), "like", `%${query.q!.toLowerCase()}%`),
      );
    return pageOf(
      base,
      query,
      orderBy("annotations", query.sort, "-created_at"),
      toWire.annotation,
    );
  }

  async function createAnnotation(
    principal: Principal | null,
    body: Request<typeof annotationCreateRequest>,
  ) {
    const { widget, hub } = await requireWidget(principal, body.widgetId, true);
    if (!(await isDeclared("annotation_category", body.category, hub.id))) {
      throw HubFault.unknownVocabulary("unknown_annotation_category");
    }
    const row = {
      id: randomUUID(),
      hub_id: hub.id,
      widget_id: widget.id,
      category: body.category,
      body: body.body,
      metadata: JSON.stringify(body.metadata),
      recorded_by: principal?.consumerId ?? null,
      created_at: now(),
    };
    await db.insertInto("annotations").values(row).execute();
    return toWire.annotation(row);
  }

  // ------------------------------------------------------------ idempotency

  /**
   * Reserves an idempotency key before the write runs, so a retry that
   * arrives while the first attempt is still running cannot write twice.
   */
  async function beginIdempotent(consumerId: string, key: string, requestHash: string) {
    const existing = await db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("consumer_id", "=", consumerId)
      .where("key", "=", key)
      .executeTakeFirst();
    if (existing) {
      if (existing.request_hash !== requestHash) {
        throw HubFault.unprocessable(
          "idempotency_key_reused",
          "this Idempotency-Key was used with a different request",
        );
      }
      if (existing.status === 0)
        throw HubFault.conflict(
          "idempotency_in_progress",
          "the first request with this key is still running",
        );
      return { replay: { status: existing.status, body: existing.response } };
    }
    try {
      await db
        .insertInto("idempotency_keys")
        .values({
          consumer_id: consumerId,
          key,
          request_hash: requestHash,
          status: 0,
          response: null,
          created_at: now(),
        })
        .execute();
    } catch {
      throw HubFault.conflict(
        "idempotency_in_progress",
        "the first request with this key is still running",
      );
    }
    return { replay: null };
  }

  async function finishIdempotent(
    consumerId: string,
    key: string,
    status: number,
    body: string | null,
  ) {
    // A fault is not remembered: the client may retry it.
    if (status >= 500) {
      await db
        .deleteFrom("idempotency_keys")
        .where("consumer_id", "=", consumerId)
        .where("key", "=", key)
        .execute();
      return;
    }
    await db
      .updateTable("idempotency_keys")
      .set({ status, response: body })
      .where("consumer_id", "=", consumerId)
      .where("key", "=", key)
      .execute();
  }

  return {
    authenticate,
    exchangeToken,
    listHubs,
    getHub,
    createHub,
    listManifests,
    getManifest,
    createManifest,
    activateManifest,
    listVocabulary,
    listApiConsumers,
    createApiConsumer,
    listApiKeys,
    createApiKey,
    createBootstrapOperatorKey,
    listHubRegistry,
    getHubRegistryEntry,
    listWidgets,
    getWidget,
    createWidget,
    updateWidget,
    deleteWidget,
    listWidgetVersions,
    listEvents,
    createEvent,
    listLatestEvents,
    listAnnotations,
    createAnnotation,
    beginIdempotent,
    finishIdempotent,
  };
}

export type HubService = ReturnType<typeof createHubService>;

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Normalizes any offset to the stored UTC form so text comparison orders correctly. */
function iso(value: string): string {
  return new Date(value).toISOString();
}
