import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type {
  ListQuery,
  widgetCreateRequest,
  WidgetsAsOfQuery,
  widgetUpdateRequest,
} from "@/lib/interhub/wire";
import { createBatchLoader, createBatchWriter } from "@/lib/db/batching";
import { isUniqueViolation } from "@/lib/db/errors";
import { groupBy } from "@/lib/domain/group-by";
import type { Database } from "@/lib/db/schema";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import { recordChanges, type NewChange } from "./changes";
import {
  canReadHub,
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

type WidgetRow = Insertable<Database["widgets"]> & { hub_id: string; slug: string };
type NewWidget = {
  row: WidgetRow;
  version: Insertable<Database["widget_versions"]>;
  hubSlug: string;
};

/** Widgets, and the version row each change of one leaves behind. */
export function createWidgets({ db, now, requireHub, readableHubIds }: HubContext) {
  /** A widget and its hub, once the principal may read it (or, with `write`, change it). */
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
        await recordChanges(
          trx,
          widgets.map(({ row }) => widgetChange(row, "created")),
        );
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
    body: RequestBody<typeof widgetCreateRequest>,
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
    body: RequestBody<typeof widgetUpdateRequest>,
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
      await recordChanges(trx, [widgetChange(row, "updated")]);
    });
    return toWire.widget(row);
  }

  async function deleteWidget(principal: Principal | null, id: string) {
    const { widget } = await requireWidget(principal, id, true);
    const deleted = { ...widget, version: widget.version + 1, updated_at: now() };
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("widgets").where("id", "=", id).execute();
      await trx
        .insertInto("widget_versions")
        .values(versionRow(deleted, "deleted", principal))
        .execute();
      await recordChanges(trx, [widgetChange(deleted, "deleted")]);
    });
  }

  async function listWidgetVersions(widgetId: string) {
    return db
      .selectFrom("widget_versions")
      .selectAll()
      .where("widget_id", "=", widgetId)
      .orderBy("version")
      .execute();
  }

  /**
   * [ours] A hub's items as they were at an instant: each item's last version
   * written by then, unless that version deleted it. From the versions table,
   * which keeps every item's history, so a past board is judged by the items
   * and rules of its time.
   */
  async function listWidgetsAsOf(principal: Principal | null, query: WidgetsAsOfQuery) {
    const hubIds = await readableHubIds(principal, query.hub);
    const asOf = iso(query.as_of);
    const base = db
      .selectFrom("widget_versions as v")
      .where("v.hub_id", "in", nonEmpty(hubIds))
      .where("v.created_at", "<=", asOf)
      .where("v.change", "!=", "deleted")
      .where(({ eb, selectFrom }) =>
        eb(
          "v.version",
          "=",
          selectFrom("widget_versions as later")
            .select((later) => later.fn.max("later.version").as("version"))
            .whereRef("later.widget_id", "=", "v.widget_id")
            .where("later.created_at", "<=", asOf),
        ),
      );
    const { limit, offset } = paging(query);
    const [rows, count] = await Promise.all([
      base.select("v.snapshot").orderBy("v.widget_id").limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    ]);
    return {
      data: rows.map((row) => JSON.parse(row.snapshot) as ReturnType<typeof toWire.widget>),
      meta: meta(query, count?.n),
    };
  }

  return {
    requireWidget,
    listWidgets,
    listWidgetsAsOf,
    getWidget,
    createWidget,
    updateWidget,
    deleteWidget,
    listWidgetVersions,
  };
}

export type Widgets = ReturnType<typeof createWidgets>;

function widgetChange(
  widget: { id: string; hub_id: string; updated_at: string },
  action: NewChange["action"],
): NewChange {
  return {
    hub_id: widget.hub_id,
    resource: "widget",
    action,
    resource_id: widget.id,
    widget_id: widget.id,
    created_at: widget.updated_at,
  };
}

function versionRow(
  widget: Database["widgets"],
  change: "created" | "updated" | "deleted",
  principal: Principal | null,
) {
  return {
    id: randomUUID(),
    widget_id: widget.id,
    hub_id: widget.hub_id,
    version: widget.version,
    change,
    snapshot: JSON.stringify(toWire.widget(widget)),
    recorded_by: principal?.consumerId ?? null,
    created_at: widget.updated_at,
  };
}
