import { randomUUID } from "node:crypto";
import type { annotationCreateRequest, ListQuery } from "@/lib/interhub/wire";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import { recordChanges } from "./changes";
import {
  iso,
  nonEmpty,
  orderBy,
  pageOf,
  type HubContext,
  type Principal,
  type RequestBody,
} from "./context";
import type { Widgets } from "./widgets";

/** Annotations on widgets; writing one needs write access to the widget's hub. */
export function createAnnotations(
  { db, now, isDeclared, readableHubIds, readableWidgetIds }: HubContext,
  { requireWidget }: Pick<Widgets, "requireWidget">,
) {
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
    body: RequestBody<typeof annotationCreateRequest>,
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
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("annotations").values(row).execute();
      await recordChanges(trx, [
        {
          hub_id: row.hub_id,
          resource: "annotation",
          action: "created",
          resource_id: row.id,
          widget_id: row.widget_id,
          created_at: row.created_at,
        },
      ]);
    });
    return toWire.annotation(row);
  }

  return { listAnnotations, createAnnotation };
}
