import type { CatalogModel } from "./catalog";
import { gateRuleSchema, gatesOf, type BoardChange } from "./gates";
import type { Acceptance } from "./risks";
import type { InteractionEvent, Widget } from "./types";

/** Migration waves: the items that hold a set of readiness gates. */
export function findWave(model: CatalogModel, slug: string): Widget | undefined {
  const widget = model.index.bySlug.get(slug);
  return widget?.type === "ops-migration-wave" ? widget : undefined;
}

export function listWaves(model: CatalogModel): Widget[] {
  return model.index.widgets
    .filter((w) => w.type === "ops-migration-wave")
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The items whose evidence a wave's gates read: the gates themselves and everything their rules select or reach. */
export function relevantWidgetIds(model: Pick<CatalogModel, "index">, wave: Widget): string[] {
  const ids = new Set<string>();
  for (const gate of gatesOf(model.index, wave)) {
    ids.add(gate.id);
    const rule = gateRuleSchema.safeParse(gate.metadata.rule);
    if (!rule.success) continue;
    for (const requirement of rule.data.requirements) {
      if (requirement.kind !== "evidence") continue;
      for (const widget of model.index.widgets) {
        if (requirement.selector.widgetType && widget.type !== requirement.selector.widgetType)
          continue;
        ids.add(widget.id);
        if (requirement.via)
          for (const link of model.index.backlinksOf(widget)) ids.add(link.from.id);
      }
    }
  }
  return [...ids];
}

/** What changed on a wave's board between `since` and now. */
export type BoardDiff = {
  since: Date;
  changes: BoardChange[];
  newEvidence: InteractionEvent[];
  newAcceptances: Acceptance[];
  expiredAcceptances: Acceptance[];
};
