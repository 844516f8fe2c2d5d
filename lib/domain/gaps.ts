import type { Annotation, InteractionEvent, Widget } from "./types";
import { isGapCategory } from "./annotations";
import { overdueDetail, overdueSignals } from "./cadence";
import { freshnessDays, isStale, outcomeOf } from "./evidence";
import { ownerOf, unreadableReason } from "./metadata";
import type { CatalogIndex } from "./relations";

/**
 * What the catalog cannot yet answer, computed from the inventory and its
 * evidence — never typed in. Each gap names its item and what is missing.
 */
export type GapKind =
  | "no-owner"
  | "no-purpose"
  | "no-endpoint"
  | "no-fresh-health"
  | "no-backup"
  | "no-backup-evidence"
  | "no-restore-evidence"
  | "endpoint-never-verified"
  | "broken-reference"
  | "unreadable-metadata"
  | "open-annotation"
  | "overdue";

export type Gap = { widget: Widget; kind: GapKind; detail: string };

export const GAP_LABELS: Record<GapKind, string> = {
  "no-owner": "No owner",
  "no-purpose": "No purpose",
  "no-endpoint": "No endpoint",
  "no-fresh-health": "No fresh health evidence",
  "no-backup": "Data store without a backup set",
  "no-backup-evidence": "No backup evidence within cadence",
  "no-restore-evidence": "No restore evidence within cadence",
  "endpoint-never-verified": "Endpoint never verified",
  "broken-reference": "Broken reference",
  "unreadable-metadata": "Metadata ops-hub cannot read",
  "open-annotation": "Open gap annotation",
  overdue: "Expected signal overdue",
};

const isDataStore = (widget: Widget) =>
  widget.type === "ops-service" && widget.metadata.tier === "data";

export function findGaps(
  index: CatalogIndex,
  latestByWidget: Map<string, InteractionEvent[]>,
  openAnnotations: Annotation[],
  now: Date,
): Gap[] {
  return [
    ...index.widgets.flatMap((widget) => gapsOfWidget(widget, index, latestByWidget, now)),
    ...annotationGaps(index, openAnnotations),
  ];
}

/**
 * One item's gaps: from the item, what refers to it (a service's endpoints, a
 * data store's backup sets) and their latest events — so a change to an item
 * or its evidence touches only its own gaps and those of what it refers to.
 */
export function gapsOfWidget(
  widget: Widget,
  index: CatalogIndex,
  latestByWidget: Map<string, InteractionEvent[]>,
  now: Date,
): Gap[] {
  const gaps: Gap[] = [];
  const latest = (widget: Widget) => latestByWidget.get(widget.id) ?? [];
  const freshPass = (widget: Widget, types: string[], days?: number) =>
    latest(widget).some(
      (e) =>
        types.includes(e.type) &&
        outcomeOf(e) === "pass" &&
        !isStale(e, now, days ?? freshnessDays(e.type)),
    );

  const unreadable = unreadableReason(widget.metadata);
  if (unreadable) gaps.push({ widget, kind: "unreadable-metadata", detail: unreadable });

  for (const reference of index.refsOf(widget)) {
    if (!reference.target) {
      gaps.push({
        widget,
        kind: "broken-reference",
        detail: `${reference.field} → ${reference.slug} does not exist`,
      });
    }
  }

  if (widget.type === "ops-service") {
    if (!ownerOf(widget.metadata))
      gaps.push({ widget, kind: "no-owner", detail: "no owner repo or team" });
    if (typeof widget.metadata.purpose !== "string" || !widget.metadata.purpose) {
      gaps.push({ widget, kind: "no-purpose", detail: "why it exists is not recorded" });
    }
    const endpoints = index
      .backlinksOf(widget)
      .filter((b) => b.field === "service" && b.from.type === "ops-endpoint");
    if (!isDataStore(widget) && endpoints.length === 0) {
      gaps.push({ widget, kind: "no-endpoint", detail: "how it is reached is not recorded" });
    }
    const healthy =
      freshPass(widget, ["ops-health-checked"]) ||
      endpoints.some((e) => freshPass(e.from, ["ops-endpoint-verified"]));
    if (!healthy)
      gaps.push({
        widget,
        kind: "no-fresh-health",
        detail: "no passing health check or endpoint verification within its window",
      });
  }

  if (isDataStore(widget)) {
    const backups = index
      .backlinksOf(widget)
      .filter((b) => b.field === "protects")
      .map((b) => b.from);
    if (backups.length === 0) {
      gaps.push({ widget, kind: "no-backup", detail: "no backup set protects it" });
    } else {
      const cadence = (field: string, fallback: string) => (backup: Widget) =>
        typeof backup.metadata[field] === "number"
          ? (backup.metadata[field] as number)
          : freshnessDays(fallback);
      const backupDays = cadence("backupCadenceDays", "ops-backup-verified");
      const restoreDays = cadence("restoreTestCadenceDays", "ops-restore-tested");
      if (!backups.some((b) => freshPass(b, ["ops-backup-verified"], backupDays(b)))) {
        gaps.push({
          widget,
          kind: "no-backup-evidence",
          detail: `no passing backup verification within ${backupDays(backups[0]!)} days`,
        });
      }
      if (!backups.some((b) => freshPass(b, ["ops-restore-tested"], restoreDays(b)))) {
        gaps.push({
          widget,
          kind: "no-restore-evidence",
          detail: `no passing restore test within ${restoreDays(backups[0]!)} days`,
        });
      }
    }
  }

  for (const signal of overdueSignals(widget, latest(widget), now))
    gaps.push({ widget, kind: "overdue", detail: overdueDetail(signal, now) });

  if (
    widget.type === "ops-endpoint" &&
    !latest(widget).some((e) => e.type === "ops-endpoint-verified")
  ) {
    gaps.push({
      widget,
      kind: "endpoint-never-verified",
      detail: "no ops-endpoint-verified event, ever",
    });
  }
  return gaps;
}

/** Gap annotations nobody has resolved, each on the item it is about. */
export function annotationGaps(index: CatalogIndex, openAnnotations: Annotation[]): Gap[] {
  const gaps: Gap[] = [];
  for (const annotation of openAnnotations) {
    if (!isGapCategory(annotation.category)) continue;
    const widget = index.byId.get(annotation.widgetId);
    if (widget)
      gaps.push({
        widget,
        kind: "open-annotation",
        detail: `${annotation.category}: ${annotation.body}`,
      });
  }
  return gaps;
}
