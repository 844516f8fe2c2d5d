import type { Widget } from "./types";
import type { CatalogModel } from "./catalog";
import type { EvidenceState } from "./evidence";
import {
  environmentMetadata,
  parseMetadata,
  type EnvironmentMetadata,
  type ParsedMetadata,
} from "./metadata";

export type EnvironmentSummary = {
  widget: Widget;
  metadata: ParsedMetadata<EnvironmentMetadata>;
  seed: boolean;
  counts: { hosts: number; clusters: number; services: number; endpoints: number };
  /** Evidence states of the items in it, and its newest evidence. */
  health: { states: Record<EvidenceState, number>; newest?: Date };
};

const LIFECYCLE_ORDER = ["transitional-production", "production", "local", "target", "retired"];

/** The environments with what they hold and how healthy that is, from current production to target. */
export function summarizeEnvironments(model: CatalogModel): EnvironmentSummary[] {
  const summaries = new Map<string, EnvironmentSummary>();
  for (const row of model.rows) {
    if (row.widget.type !== "ops-environment") continue;
    summaries.set(row.widget.id, {
      widget: row.widget,
      metadata: parseMetadata(environmentMetadata, row.widget.metadata),
      seed: row.seed,
      counts: { hosts: 0, clusters: 0, services: 0, endpoints: 0 },
      health: { states: { fresh: 0, stale: 0, failing: 0, none: 0 } },
    });
  }
  const countKey = {
    "ops-host": "hosts",
    "ops-cluster": "clusters",
    "ops-service": "services",
    "ops-endpoint": "endpoints",
  } as const;
  for (const row of model.rows) {
    const summary =
      row.environment && row.widget.type !== "ops-environment"
        ? summaries.get(row.environment.id)
        : undefined;
    if (!summary) continue;
    const key = countKey[row.widget.type as keyof typeof countKey];
    if (!key) continue;
    summary.counts[key] += 1;
    summary.health.states[row.evidence.state] += 1;
    const at = row.evidence.newest?.at;
    if (at && (!summary.health.newest || at > summary.health.newest)) summary.health.newest = at;
  }
  return [...summaries.values()].sort(
    (a, b) => rank(a) - rank(b) || a.widget.name.localeCompare(b.widget.name),
  );
}

function rank(summary: EnvironmentSummary): number {
  if (!summary.metadata.ok) return 1000;
  const { order, lifecycle } = summary.metadata.data;
  return order ?? 100 + LIFECYCLE_ORDER.indexOf(lifecycle);
}
