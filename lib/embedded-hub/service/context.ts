import "server-only";
import { sql, type SelectQueryBuilder } from "kysely";
import type { z } from "zod";
import type { ListQuery, SORT_FIELDS } from "@/lib/interhub/wire";
import { toCount, type Db } from "@/lib/db/database";
import type { Database, VocabularyKind } from "@/lib/db/schema";
import { HubFault } from "../faults";

/** The caller as its key or token identifies it. */
export type Principal = { keyId: string; consumerId: string; scopes: string[] };

export type HubServiceOptions = { now?: () => Date };

/** A request body as its wire schema parsed it (defaults filled in). */
export type RequestBody<T extends z.ZodType> = z.output<T>;

// ------------------------------------------------------------ scopes

export const has = (principal: Principal | null, scope: string) =>
  !!principal && (principal.scopes.includes("framework:admin") || principal.scopes.includes(scope));

export const canReadHub = (principal: Principal | null, slug: string) =>
  has(principal, `hub:${slug}:read`) || has(principal, `hub:${slug}:write`);

export function requireScope(principal: Principal | null, scope: string) {
  if (!principal) throw HubFault.unauthenticated();
  if (!has(principal, scope)) throw HubFault.forbidden();
}

export function requireFramework(principal: Principal | null) {
  if (!principal) throw HubFault.unauthenticated();
  if (!has(principal, "framework:read") && !has(principal, "framework:admin"))
    throw HubFault.forbidden();
}

// ------------------------------------------------------------ lists

// The sortable fields of each list are the wire's (its sort enum): each needs its column.
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
} satisfies {
  [List in keyof typeof SORT_FIELDS]: Record<(typeof SORT_FIELDS)[List][number], string>;
};

/**
 * The hub ids for `hub_id in (…)`, never an empty list (invalid SQL) and no
 * padding for one hub (the usual case): the planner reads `in (one)` as `=`,
 * so an index on (hub_id, sort column) also gives the order.
 */
export function nonEmpty(hubIds: string[]) {
  return hubIds.length > 0 ? hubIds : [""];
}

export function orderBy(table: keyof typeof SORTABLE, sort: string | undefined, fallback: string) {
  const value = sort ?? fallback;
  const descending = value.startsWith("-");
  const field = descending ? value.slice(1) : value;
  const column = SORTABLE[table]![field];
  if (!column) throw HubFault.badRequest(`sort: unknown field "${field}"`);
  // Ties are broken by id, except for an item's slug: unique within its hub,
  // so the hub breaks them, and the (hub_id, slug) index gives a hub's items
  // in order with no sort (a whole read pages through them all by slug).
  const tiebreak = table === "widgets" && column === "slug" ? "hub_id" : "id";
  return { column, tiebreak, direction: descending ? ("desc" as const) : ("asc" as const) };
}

type Paged = Pick<ListQuery, "page" | "per_page">;

export function paging(query: Paged) {
  return { limit: query.per_page, offset: (query.page - 1) * query.per_page };
}

export function meta(query: Paged, total: unknown) {
  return { page: query.page, per_page: query.per_page, total: toCount(total) };
}

/** One page of a filtered query, with the total that the filters match. */
export async function pageOf<TB extends keyof Database, W>(
  base: SelectQueryBuilder<Database, TB, object>,
  query: ListQuery,
  order: { column: string; tiebreak?: string; direction: "asc" | "desc" },
  toWireRow: (row: Database[NoInfer<TB>]) => W,
) {
  const { limit, offset } = paging(query);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(sql.ref(order.column), order.direction)
      .orderBy(sql.ref(order.tiebreak ?? "id"), order.direction)
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
  ]);
  return { data: rows.map((row) => toWireRow(row as Database[TB])), meta: meta(query, count?.n) };
}

// ------------------------------------------------------------ values

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Normalizes any offset to the stored UTC form so text comparison orders correctly. */
export function iso(value: string): string {
  return new Date(value).toISOString();
}

// ------------------------------------------------------------ the context

/**
 * What every resource of the embedded hub shares: the database, the clock and
 * the hub lookups (the scope checks and paging above need neither).
 */
export function createHubContext(db: Db, options: HubServiceOptions = {}) {
  const now = () => (options.now?.() ?? new Date()).toISOString();

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

  return { db, now, findHub, requireHub, isDeclared, readableHubIds, readableWidgetIds };
}

export type HubContext = ReturnType<typeof createHubContext>;
