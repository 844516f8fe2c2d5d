import type { Widget } from "./types";

/**
 * Relations between catalog items, resolved both ways. Metadata fields hold
 * slugs; a slug that names no widget stays visible as a broken reference.
 */
const SINGLE_REFS = [
  "environment",
  "runsOn",
  "service",
  "wave",
  "fromEnvironment",
  "toEnvironment",
] as const;
const LIST_REFS = [
  "hosts",
  "dependsOn",
  "dataStores",
  "protects",
  "items",
  "appliesTo",
  "affects",
] as const;

/** The references an item's environment is found through: what it runs on, serves or protects. */
export const ENVIRONMENT_PATH: readonly string[] = [
  "environment",
  "runsOn",
  "service",
  "hosts",
  "protects",
];

export const RELATION_LABELS: Record<string, { out: string; in: string }> = {
  environment: { out: "Environment", in: "In this environment" },
  runsOn: { out: "Runs on", in: "Runs here" },
  service: { out: "Service", in: "Endpoints and releases" },
  wave: { out: "Migration wave", in: "Readiness gates" },
  fromEnvironment: { out: "From", in: "Waves leaving it" },
  toEnvironment: { out: "To", in: "Waves arriving" },
  hosts: { out: "Hosts", in: "Clusters on this host" },
  dependsOn: { out: "Depends on", in: "Depended on by" },
  dataStores: { out: "Data stores", in: "Data of" },
  protects: { out: "Protects", in: "Protected by" },
  items: { out: "For", in: "Runbooks" },
  appliesTo: { out: "Applies to", in: "Risks" },
  affects: { out: "Affects", in: "Incidents" },
};

export type Reference = { field: string; slug: string; target: Widget | undefined };
export type Backlink = { field: string; from: Widget };

export type CatalogIndex = {
  widgets: Widget[];
  bySlug: Map<string, Widget>;
  byId: Map<string, Widget>;
  refsOf: (widget: Widget) => Reference[];
  backlinksOf: (widget: Widget) => Backlink[];
  /** The environment an item lives in: its own, or through what it runs on, serves or protects. */
  environmentOf: (widget: Widget) => Widget | undefined;
  /** Environment → host or cluster → namespace / release, for a breadcrumb. */
  placementOf: (widget: Widget) => { environment?: Widget; runsOn?: Widget; location?: string };
};

export function buildCatalogIndex(widgets: Widget[]): CatalogIndex {
  const bySlug = new Map(widgets.map((w) => [w.slug, w]));
  const refs = new Map<string, Reference[]>();
  const backlinks = new Map<string, Backlink[]>();

  for (const widget of widgets) {
    const out: Reference[] = [];
    for (const field of SINGLE_REFS) {
      const value = widget.metadata[field];
      if (typeof value === "string" && value)
        out.push({ field, slug: value, target: bySlug.get(value) });
    }
    for (const field of LIST_REFS) {
      const value = widget.metadata[field];
      if (!Array.isArray(value)) continue;
      for (const slug of value) {
        if (typeof slug === "string" && slug) out.push({ field, slug, target: bySlug.get(slug) });
      }
    }
    // Only items that refer to something, at their exact size: a pushed-to
    // array keeps room for a dozen more, and most of 10,000 items refer to one or two.
    if (out.length > 0) refs.set(widget.id, out.slice());
    for (const reference of out) {
      if (!reference.target) continue;
      const list = backlinks.get(reference.target.id) ?? [];
      list.push({ field: reference.field, from: widget });
      backlinks.set(reference.target.id, list);
    }
  }

  const environments = new Map<string, Widget | undefined>();
  const environmentOf = (widget: Widget, depth = 0): Widget | undefined => {
    if (widget.type === "ops-environment") return widget;
    if (environments.has(widget.id)) return environments.get(widget.id);
    let found: Widget | undefined;
    if (depth < 4) {
      for (const reference of refs.get(widget.id) ?? []) {
        if (!reference.target || !ENVIRONMENT_PATH.includes(reference.field)) continue;
        found = environmentOf(reference.target, depth + 1);
        if (found) break;
      }
    }
    environments.set(widget.id, found);
    return found;
  };

  return {
    widgets,
    bySlug,
    byId: new Map(widgets.map((w) => [w.id, w])),
    refsOf: (widget) => refs.get(widget.id) ?? [],
    backlinksOf: (widget) => backlinks.get(widget.id) ?? [],
    environmentOf: (widget) => environmentOf(widget),
    placementOf: (widget) => {
      const runsOnSlug = widget.metadata.runsOn;
      const runsOn = typeof runsOnSlug === "string" ? bySlug.get(runsOnSlug) : undefined;
      const location = [widget.metadata.namespace, widget.metadata.release]
        .filter((part): part is string => typeof part === "string" && part.length > 0)
        .map((part, index) =>
          index === 0 && widget.metadata.namespace ? `namespace ${part}` : `release ${part}`,
        )
        .join(" · ");
      return { environment: environmentOf(widget), runsOn, location: location || undefined };
    },
  };
}
