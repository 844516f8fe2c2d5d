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

/** An index that follows changes: an item put in, changed or taken out updates the relations it is part of. */
export type LiveCatalogIndex = CatalogIndex & {
  /**
   * Puts an item in or changes it (`widget`), or takes it out (undefined).
   * Costs what the item's relations hold (its references, what refers to its
   * slug), not what the hub holds.
   */
  set: (id: string, widget: Widget | undefined) => void;
};

export function buildCatalogIndex(widgets: Widget[]): LiveCatalogIndex {
  const byId = new Map(widgets.map((w) => [w.id, w]));
  const bySlug = new Map(widgets.map((w) => [w.slug, w]));
  const refs = new Map<string, Reference[]>();
  // A set per target, so an item taken out leaves in what it held, not in
  // what the target holds (an environment is referred to by a third of the hub);
  // its list is made when read and kept until the set changes.
  const backlinks = new Map<string, { set: Set<Backlink>; list?: Backlink[] }>();
  /** The backlink objects each item's references made, to take them out again. */
  const madeBy = new Map<string, Backlink[]>();
  /** Who refers to a slug, whether it names an item or not: they resolve anew when it comes or goes. */
  const referrers = new Map<string, Set<string>>();
  let list: Widget[] | undefined = widgets;

  function link(widget: Widget) {
    const out: Reference[] = [];
    const add = (field: string, slug: unknown) => {
      if (typeof slug === "string" && slug) out.push({ field, slug, target: bySlug.get(slug) });
    };
    for (const field of SINGLE_REFS) add(field, widget.metadata[field]);
    for (const field of LIST_REFS) {
      const value = widget.metadata[field];
      if (Array.isArray(value)) for (const slug of value) add(field, slug);
    }
    if (out.length === 0) return;
    // At its exact size: a pushed-to array keeps room for a dozen more, and
    // most of 10,000 items refer to one or two.
    refs.set(widget.id, out.slice());
    const made: Backlink[] = [];
    for (const reference of out) {
      let from = referrers.get(reference.slug);
      if (!from) referrers.set(reference.slug, (from = new Set()));
      from.add(widget.id);
      if (!reference.target) continue;
      let links = backlinks.get(reference.target.id);
      if (!links) backlinks.set(reference.target.id, (links = { set: new Set() }));
      const backlink = { field: reference.field, from: widget };
      links.set.add(backlink);
      links.list = undefined;
      made.push(backlink);
    }
    if (made.length > 0) madeBy.set(widget.id, made);
  }

  function unlink(widget: Widget) {
    const made = madeBy.get(widget.id) ?? [];
    let at = 0;
    for (const reference of refs.get(widget.id) ?? []) {
      referrers.get(reference.slug)?.delete(widget.id);
      if (referrers.get(reference.slug)?.size === 0) referrers.delete(reference.slug);
      if (!reference.target) continue;
      // link() made one backlink per resolved reference, in the same order.
      const links = backlinks.get(reference.target.id);
      links?.set.delete(made[at++]!);
      if (links) links.list = undefined;
      if (links?.set.size === 0) backlinks.delete(reference.target.id);
    }
    refs.delete(widget.id);
    madeBy.delete(widget.id);
  }

  for (const widget of widgets) link(widget);

  // Worked out on demand and kept until the next change.
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
    get widgets() {
      return (list ??= [...byId.values()]);
    },
    bySlug,
    byId,
    refsOf: (widget) => refs.get(widget.id) ?? [],
    backlinksOf: (widget) => {
      const links = backlinks.get(widget.id);
      return links ? (links.list ??= [...links.set]) : [];
    },
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
    set(id, widget) {
      const old = byId.get(id);
      if (old) {
        unlink(old);
        if (bySlug.get(old.slug) === old) bySlug.delete(old.slug);
      }
      // A changed item keeps its place in the list.
      if (widget) byId.set(id, widget);
      else byId.delete(id);
      if (widget) {
        bySlug.set(widget.slug, widget);
        link(widget);
      }
      // What refers to its old or new slug now points at the item as it is, or at nothing.
      for (const slug of new Set([old?.slug, widget?.slug]))
        for (const referrer of [...(slug ? (referrers.get(slug) ?? []) : [])]) {
          const item = byId.get(referrer);
          if (!item || referrer === id) continue;
          unlink(item);
          link(item);
        }
      list = undefined;
      environments.clear();
    },
  };
}
