import { isSeed } from "@/lib/hub-profile/schema";
import { groupBy } from "./group-by";
import { compareTypes } from "./item-types";
import { openAnnotations } from "./annotations";
import { evidenceStatus } from "./evidence";
import { annotationGaps, gapsOfWidget, type Gap } from "./gaps";
import { metadataProblem, ownerOf } from "./metadata";
import {
  buildCatalogIndex,
  ENVIRONMENT_PATH,
  type CatalogIndex,
  type LiveCatalogIndex,
} from "./relations";
import { readAcceptances, type Acceptance } from "./risks";
import { createSortedChunks, type SortedChunks } from "./sorted-chunks";
import { ClockReading } from "./time";
import { createTimeQueue } from "./time-queue";
import type { Annotation, HubChange, InteractionEvent, Widget } from "./types";
import type { CatalogModel, CatalogRow, HubData } from "./catalog";

/**
 * The hub's data held by id, following its change feed: each change is
 * applied where it lands, and the next model derives again only the rows it
 * touched — an event touches its item and what that item refers to (an
 * endpoint's service, a backup set's data store), so its cost does not grow
 * with the hub. An item created, changed or deleted rebuilds the relation
 * index (one pass over the items, no parsing) and the rows whose relations,
 * environment or gaps it can change.
 *
 * A model's rows are fixed when it is derived; its maps (latest events,
 * rows by slug) are the mirror's own and move on with it, so a page that
 * reads across a later change sees newer evidence, never older.
 */
export type CatalogMirror = {
  /** Applies changes from the feed, oldest first. Applying one again changes nothing. */
  apply: (changes: Iterable<HubChange>) => void;
  /**
   * The model at `now`. Evidence ages with the clock, so besides the rows
   * changes touched, a row is derived again once `now` passes the instant
   * its derivation noted as the next at which it would read differently
   * (evidence leaving its window, a signal falling overdue, "3 hours ago"
   * turning 4): the rows the clock changes, not the whole hub in turn.
   */
  model: (now: Date) => CatalogModel;
};

/** "Service 2" before "Service 10"; one collator for every comparison. */
const byName = new Intl.Collator("en", { numeric: true }).compare;
/** The catalog's order: services first, then each type (./item-types.ts), by name within it. */
const byTypeThenName = (a: CatalogRow, b: CatalogRow) =>
  compareTypes(a.widget.type, b.widget.type) || byName(a.widget.name, b.widget.name);

export function createCatalogMirror(data: HubData): CatalogMirror {
  const widgets = new Map(data.widgets.map((widget) => [widget.id, widget]));
  const latestByWidget = groupBy(data.latestEvents, (event) => event.widgetId);
  const annotations = new Map(data.annotations.map((annotation) => [annotation.id, annotation]));
  const riskEvents = new Map((data.riskEvents ?? []).map((event) => [event.id, event]));

  // What changed since the last model.
  let all = true;
  const dirty = new Set<string>();
  const changedWidgets = new Set<string>();
  let annotationsChanged = true;
  let risksChanged = true;

  // What the last model was derived from.
  let index: LiveCatalogIndex | undefined;
  const rowOf = new Map<string, CatalogRow>();
  const rowBySlug = new Map<string, CatalogRow>();
  let ordered: SortedChunks<CatalogRow> | undefined;
  let open: Annotation[] = [];
  const ownGaps = new Map<string, Gap[]>();
  let gapsFromAnnotations = new Map<string, Gap[]>();
  let acceptances: Acceptance[] = [];
  const clockChanges = createTimeQueue();

  function takeEvent(event: InteractionEvent) {
    if (event.type === "ops-risk-accepted" && !riskEvents.has(event.id)) {
      riskEvents.set(event.id, event);
      risksChanged = true;
    }
    const latest = latestByWidget.get(event.widgetId) ?? [];
    const same = latest.findIndex((known) => known.type === event.type);
    // The embedded hub's rule for its latest-event table: a later write at the same instant wins.
    if (same >= 0 && latest[same]!.createdAt > event.createdAt) return;
    const next = latest.slice();
    if (same >= 0) next[same] = event;
    else next.push(event);
    latestByWidget.set(event.widgetId, next);
    dirty.add(event.widgetId);
    // Whose gaps read this item's evidence: a service its endpoints', a data store its backups'.
    const widget = widgets.get(event.widgetId);
    if (widget && index)
      for (const ref of index.refsOf(widget)) if (ref.target) dirty.add(ref.target.id);
  }

  function apply(changes: Iterable<HubChange>) {
    for (const change of changes) {
      if (change.resource === "widget") {
        if (change.action !== "deleted" && change.widget) widgets.set(change.id, change.widget);
        else {
          widgets.delete(change.id);
          latestByWidget.delete(change.id);
        }
        changedWidgets.add(change.id);
      } else if (change.resource === "interaction-event") {
        if (change.event) takeEvent(change.event);
      } else if (change.annotation && !annotations.has(change.id)) {
        annotations.set(change.id, change.annotation);
        annotationsChanged = true;
      }
    }
  }

  /** The items a changed item's rows depend on it: its targets, its referrers, and what finds its environment through it. */
  function neighbours(id: string, of: CatalogIndex, into: Set<string>) {
    const widget = of.byId.get(id);
    if (!widget) return;
    for (const ref of of.refsOf(widget)) if (ref.target) into.add(ref.target.id);
    // Its own visited set: rows already dirty for other reasons must not end the walk.
    const seen = new Set([id]);
    let frontier = [widget];
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
      const next: Widget[] = [];
      for (const item of frontier)
        for (const link of of.backlinksOf(item)) {
          if (depth > 0 && !ENVIRONMENT_PATH.includes(link.field)) continue;
          into.add(link.from.id);
          if (!seen.has(link.from.id)) next.push(link.from);
          seen.add(link.from.id);
        }
      frontier = next;
    }
  }

  function deriveRow(widget: Widget, of: CatalogIndex, now: Date, old?: CatalogRow): CatalogRow {
    const clock = new ClockReading(now);
    const gaps = gapsOfWidget(widget, of, latestByWidget, clock);
    const evidence = evidenceStatus(latestByWidget.get(widget.id) ?? [], clock);
    ownGaps.set(widget.id, gaps);
    clockChanges.schedule(widget.id, clock.changesAt);
    // What the item's own metadata says is read again only when the item changed.
    const same = old?.widget === widget ? old : undefined;
    return {
      widget,
      environment: of.environmentOf(widget),
      owner: same ? same.owner : ownerOf(widget.metadata),
      evidence,
      gaps: [...gaps, ...(gapsFromAnnotations.get(widget.id) ?? [])],
      metadataProblem: same ? same.metadataProblem : metadataProblem(widget),
      seed: same ? same.seed : isSeed(widget.metadata),
    };
  }

  function model(now: Date): CatalogModel {
    if (!all) for (const id of clockChanges.due(now.getTime())) dirty.add(id);
    const structure = all || changedWidgets.size > 0;
    if (all) index = buildCatalogIndex([...widgets.values()]);
    else
      for (const id of changedWidgets) {
        // Whose rows it can change: its neighbours before the change and after.
        dirty.add(id);
        neighbours(id, index!, dirty);
        index!.set(id, widgets.get(id));
        neighbours(id, index!, dirty);
      }
    const current = index!;
    if (annotationsChanged || structure) {
      const wasOn = [...gapsFromAnnotations.keys()];
      open = openAnnotations([...annotations.values()]);
      gapsFromAnnotations = groupBy(annotationGaps(current, open), (gap) => gap.widget.id);
      for (const id of [...wasOn, ...gapsFromAnnotations.keys()]) dirty.add(id);
    }
    if (risksChanged || structure)
      acceptances = readAcceptances([...riskEvents.values()], current.byId);

    if (all) [rowOf, rowBySlug, ownGaps].forEach((map) => map.clear());
    for (const id of all ? widgets.keys() : dirty) {
      const widget = widgets.get(id);
      const old = rowOf.get(id);
      // Another item may have taken the slug in the same changes.
      if (old && rowBySlug.get(old.widget.slug) === old) rowBySlug.delete(old.widget.slug);
      if (!widget) {
        rowOf.delete(id);
        ownGaps.delete(id);
        clockChanges.schedule(id, undefined);
        continue;
      }
      const row = deriveRow(widget, current, now, old);
      rowOf.set(id, row);
      rowBySlug.set(widget.slug, row);
    }

    if (all)
      ordered = createSortedChunks(
        [...rowOf.values()].sort(byTypeThenName),
        (row) => row.widget.id,
        byTypeThenName,
      );
    // An item created, deleted or renamed leaves its place and is put where it sorts.
    else for (const id of dirty) ordered!.put(id, rowOf.get(id));
    const chunks = ordered!.snapshot();

    all = false;
    dirty.clear();
    changedWidgets.clear();
    annotationsChanged = false;
    risksChanged = false;

    return withLazy(
      {
        index: current,
        rowBySlug,
        latestByWidget,
        openAnnotations: open,
        acceptances,
        now,
      },
      {
        rows: () => chunks.flat(),
        annotations: () => [...annotations.values()],
        // Each item's gaps in catalog order, then the annotations'.
        gaps: () => [
          ...current.widgets.flatMap((widget) => ownGaps.get(widget.id) ?? []),
          ...[...gapsFromAnnotations.values()].flat(),
        ],
      },
    );
  }

  return { apply, model };
}

/** The object with properties computed on first read: whole-hub lists most pages never ask for. */
function withLazy<T extends object, L extends Record<string, () => unknown>>(
  target: T,
  getters: L,
): T & { [K in keyof L]: ReturnType<L[K]> } {
  for (const [key, compute] of Object.entries(getters)) {
    let value: unknown;
    let done = false;
    Object.defineProperty(target, key, {
      enumerable: true,
      get: () => {
        if (!done) [value, done] = [compute(), true];
        return value;
      },
    });
  }
  return target as T & { [K in keyof L]: ReturnType<L[K]> };
}
