import type { Widget } from "@/lib/interhub/wire";
import { isSeed } from "@/lib/hub-profile/schema";
import {
  environmentMetadata,
  parseMetadata,
  placementMetadata,
  type ParsedMetadata,
  type EnvironmentMetadata,
} from "./metadata";

export type EnvironmentSummary = {
  widget: Widget;
  metadata: ParsedMetadata<EnvironmentMetadata>;
  seed: boolean;
  counts: { hosts: number; clusters: number; services: number; endpoints: number };
};

const LIFECYCLE_ORDER = ["transitional-production", "production", "local", "target", "retired"];

/**
 * The environments with what they hold, ordered from current production to
 * target. Pure: a function of the hub's widgets.
 */
export function summarizeEnvironments(widgets: Widget[]): EnvironmentSummary[] {
  const placement = new Map(
    widgets.map((w) => [w.slug, placementMetadata.safeParse(w.metadata).data ?? {}]),
  );
  const environmentOf = (slug: string, depth = 0): string | undefined => {
    const place = placement.get(slug);
    if (!place || depth > 3) return undefined;
    return place.environment ?? (place.runsOn ? environmentOf(place.runsOn, depth + 1) : undefined);
  };
  const serviceOf = new Map(
    widgets
      .filter((w) => w.type === "ops-endpoint")
      .map((w) => [w.slug, String(w.metadata.service ?? "")]),
  );

  return widgets
    .filter((w) => w.type === "ops-environment")
    .map((widget) => {
      const inside = (type: string) =>
        widgets.filter((w) => {
          if (w.type !== type) return false;
          const slug = type === "ops-endpoint" ? (serviceOf.get(w.slug) ?? "") : w.slug;
          return environmentOf(slug) === widget.slug;
        }).length;
      return {
        widget,
        metadata: parseMetadata(environmentMetadata, widget.metadata),
        seed: isSeed(widget.metadata),
        counts: {
          hosts: inside("ops-host"),
          clusters: inside("ops-cluster"),
          services: inside("ops-service"),
          endpoints: inside("ops-endpoint"),
        },
      };
    })
    .sort((a, b) => rank(a) - rank(b) || a.widget.name.localeCompare(b.widget.name));
}

function rank(summary: EnvironmentSummary): number {
  if (!summary.metadata.ok) return 1000;
  const { order, lifecycle } = summary.metadata.data;
  return order ?? 100 + LIFECYCLE_ORDER.indexOf(lifecycle);
}
