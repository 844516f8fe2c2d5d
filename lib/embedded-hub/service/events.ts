import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { interactionEventCreateRequest, ListQuery } from "@/lib/interhub/wire";
import { createBatchLoader, createBatchWriter } from "@/lib/db/batching";
import { groupBy } from "@/lib/domain/group-by";
import type { Database } from "@/lib/db/schema";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import { recordChanges } from "./changes";
import {
  has,
  iso,
  meta,
  nonEmpty,
  orderBy,
  pageOf,
  paging,
  type HubContext,
  type Principal,
  type RequestBody,
} from "./context";

type EventRow = Insertable<Database["interaction_events"]> & { id: string; created_at: string };

/** Interaction events, and the latest one per widget and event type. */
export function createEvents({ db, now, readableHubIds, readableWidgetIds }: HubContext) {
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

  /** Events come in streams (probes, API clients): those of one moment share a commit. */
  const writeEvent = createBatchWriter<EventRow>((rows) =>
    db.transaction().execute(async (trx) => {
      await trx.insertInto("interaction_events").values(rows).execute();
      await recordChanges(
        trx,
        rows.map((row) => ({
          hub_id: row.hub_id,
          resource: "interaction-event",
          action: "created",
          resource_id: row.id,
          widget_id: row.widget_id,
          created_at: row.created_at,
        })),
      );
      // One row per widget and type (a statement may not update a row twice): the
      // newest, and at the same instant the later write, as across commits and
      // as a reader of the change feed (in this order) sees it.
      const latest = new Map<string, EventRow>();
      for (const row of rows) {
        const key = `${row.widget_id}\n${row.event_type}`;
        const seen = latest.get(key);
        if (!seen || seen.created_at <= row.created_at) latest.set(key, row);
      }
      await trx
        .insertInto("latest_events")
        .values([...latest.values()].map(({ id, ...event }) => ({ ...event, event_id: id })))
        .onConflict((conflict) =>
          conflict
            .columns(["widget_id", "event_type"])
            .doUpdateSet((eb) => ({
              event_id: eb.ref("excluded.event_id"),
              view_context: eb.ref("excluded.view_context"),
              metadata: eb.ref("excluded.metadata"),
              recorded_by: eb.ref("excluded.recorded_by"),
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
    body: RequestBody<typeof interactionEventCreateRequest>,
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
    let base = db.selectFrom("latest_events as l").where("l.hub_id", "in", nonEmpty(hubIds));
    if (query.event_type) base = base.where("l.event_type", "=", query.event_type);
    if (query.widget_id) base = base.where("l.widget_id", "in", query.widget_id.split(","));
    if (query.widget_type) base = base.where("l.widget_id", "in", widgetsOfType(query.widget_type));
    const { limit, offset } = paging(query);
    // The table holds each latest event whole: a page is read from it alone,
    // never joined to the history (PostgreSQL hash-joined the whole history,
    // SQLite looked each event up at random in it).
    const [rows, count] = await Promise.all([
      base
        .select([
          "l.event_id as id",
          "l.hub_id",
          "l.widget_id",
          "l.event_type",
          "l.view_context",
          "l.metadata",
          "l.recorded_by",
          "l.created_at",
        ])
        .orderBy("l.widget_id")
        .orderBy("l.event_type")
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    ]);
    return { data: rows.map(toWire.event), meta: meta(query, count?.n) };
  }

  function widgetsOfType(widgetType: string) {
    return db.selectFrom("widgets").select("id").where("widget_type", "=", widgetType);
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
    if (query.widget_type) base = base.where("e.widget_id", "in", widgetsOfType(query.widget_type));
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

  return { listEvents, createEvent, listLatestEvents };
}
