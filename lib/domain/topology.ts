import { z } from "zod";
import type { Widget } from "./types";
import type { CatalogModel, CatalogRow } from "./catalog";
import type { EvidenceState } from "./evidence";
import { RELATION_LABELS } from "./relations";

/**
 * The topology as a tree: environment → host or cluster → service → endpoint.
 * Every environment, host, cluster, service and endpoint appears exactly once:
 * a service under what it runs on (or straight under its environment), an
 * endpoint under its service, and whatever has no environment under
 * "unplaced". A reference that cannot be followed keeps the item visible one
 * level up, with a note naming the slug, never hidden.
 */
export const TOPOLOGY_KINDS = ["environment", "host", "cluster", "service", "endpoint"] as const;
export type TopologyKind = (typeof TOPOLOGY_KINDS)[number];
type NestedKind = Exclude<TopologyKind, "environment">;

const KIND_OF_TYPE: Record<string, TopologyKind> = {
  "ops-environment": "environment",
  "ops-host": "host",
  "ops-cluster": "cluster",
  "ops-service": "service",
  "ops-endpoint": "endpoint",
};

export type KindCounts = Record<NestedKind, number>;
export type HealthCounts = Record<EvidenceState, number>;

/** What sits below a node or group, so a collapsed summary still tells how much and how healthy. */
export type TopologyGroup = {
  children: TopologyNode[];
  counts: KindCounts;
  health: HealthCounts;
};

export type TopologyNode = TopologyGroup & {
  widget: Widget;
  kind: TopologyKind;
  evidence: EvidenceState;
  /** A cluster's hosts (clusters sit beside hosts, not under them). */
  hosts: Widget[];
  /** References that could not be followed, e.g. a runsOn naming no host or cluster. */
  notes: string[];
};

export type Topology = {
  environments: TopologyNode[];
  unplaced: TopologyGroup;
  /** Nodes in the tree, environments included. */
  size: number;
};

export type Neighbour = { slug: string; widget?: Widget; evidence?: EvidenceState };
export type TopologyFocus = {
  widget: Widget;
  evidence: EvidenceState;
  /** False for an item the tree does not draw (a backup set, a runbook): its neighbours still are. */
  inTree: boolean;
  /** Direct neighbours both ways, grouped by the relation's label; a broken reference has no widget. */
  neighbours: { label: string; items: Neighbour[] }[];
};

export type FocusedTopology = { topology: Topology; focus: TopologyFocus };

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((value) => value || undefined);

/** The view's state, as it lives in the URL: `?focus=<slug>` and `?open=none|all`. */
export const topologyParamsSchema = z.object({
  focus: optionalText,
  open: z.enum(["none", "all"]).optional().catch(undefined),
});
export type TopologyParams = z.infer<typeof topologyParamsSchema>;

export function parseTopologyParams(
  params: Record<string, string | string[] | undefined>,
): TopologyParams {
  return topologyParamsSchema.parse({
    focus: first(params.focus),
    open: first(params.open),
  });
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function kindOf(widget: Pick<Widget, "type">): TopologyKind | undefined {
  return KIND_OF_TYPE[widget.type];
}

const byName = (a: TopologyNode, b: TopologyNode) =>
  a.widget.name.localeCompare(b.widget.name) || a.widget.slug.localeCompare(b.widget.slug);

function emptyCounts(): KindCounts {
  return { host: 0, cluster: 0, service: 0, endpoint: 0 };
}

function emptyHealth(): HealthCounts {
  return { fresh: 0, stale: 0, failing: 0, none: 0 };
}

function group(children: TopologyNode[]): TopologyGroup {
  const counts = emptyCounts();
  const health = emptyHealth();
  for (const child of children) {
    if (child.kind !== "environment") counts[child.kind] += 1;
    health[child.evidence] += 1;
    for (const kind of Object.keys(counts) as NestedKind[]) counts[kind] += child.counts[kind];
    for (const state of Object.keys(health) as EvidenceState[])
      health[state] += child.health[state];
  }
  return { children, counts, health };
}

function node(
  row: CatalogRow,
  kind: TopologyKind,
  children: TopologyNode[],
  extra: { hosts?: Widget[]; notes?: string[] } = {},
): TopologyNode {
  return {
    ...group(children.sort(byName)),
    widget: row.widget,
    kind,
    evidence: row.evidence.state,
    hosts: extra.hosts ?? [],
    notes: extra.notes ?? [],
  };
}

function append<K>(map: Map<K, TopologyNode[]>, key: K, item: TopologyNode) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function sizeOf(nodes: TopologyNode[]): number {
  return nodes.reduce((sum, child) => sum + 1 + sizeOf(child.children), 0);
}

function environmentOrder(widget: Widget): number {
  const order = widget.metadata.order;
  return typeof order === "number" && Number.isFinite(order) ? order : Number.MAX_SAFE_INTEGER;
}

/** The whole topology of the catalog, in one pass over its rows. */
export function buildTopology(model: CatalogModel): Topology {
  const { index } = model;
  const rowsOf: Record<TopologyKind, CatalogRow[]> = {
    environment: [],
    host: [],
    cluster: [],
    service: [],
    endpoint: [],
  };
  for (const row of model.rows) {
    const kind = kindOf(row.widget);
    if (kind) rowsOf[kind].push(row);
  }

  const slugRef = (widget: Widget, field: string) => {
    const value = widget.metadata[field];
    return typeof value === "string" && value ? value : undefined;
  };
  // Loose items (no host, cluster or service to sit under) go to their environment, or to unplaced.
  const loose = new Map<string | undefined, TopologyNode[]>();
  const addLoose = (row: CatalogRow, item: TopologyNode) =>
    append(loose, row.environment?.id, item);
  const environmentNote = (row: CatalogRow): string[] => {
    const slug = slugRef(row.widget, "environment");
    return !row.environment && slug ? [`environment “${slug}” names no environment`] : [];
  };

  const endpointsOf = new Map<string, TopologyNode[]>();
  for (const row of rowsOf.endpoint) {
    const slug = slugRef(row.widget, "service");
    const service = slug ? index.bySlug.get(slug) : undefined;
    if (service && kindOf(service) === "service") {
      append(endpointsOf, service.id, node(row, "endpoint", []));
    } else {
      const notes = slug ? [`service “${slug}” names no service`] : ["names no service"];
      addLoose(row, node(row, "endpoint", [], { notes }));
    }
  }

  const servicesOn = new Map<string, TopologyNode[]>();
  for (const row of rowsOf.service) {
    const slug = slugRef(row.widget, "runsOn");
    const target = slug ? index.bySlug.get(slug) : undefined;
    const targetKind = target ? kindOf(target) : undefined;
    const endpoints = endpointsOf.get(row.widget.id) ?? [];
    if (target && (targetKind === "host" || targetKind === "cluster")) {
      append(servicesOn, target.id, node(row, "service", endpoints));
    } else {
      const notes = slug
        ? [`runsOn “${slug}” names no host or cluster`, ...environmentNote(row)]
        : environmentNote(row);
      addLoose(row, node(row, "service", endpoints, { notes }));
    }
  }

  const placements = new Map<string | undefined, TopologyNode[]>();
  for (const row of [...rowsOf.host, ...rowsOf.cluster]) {
    const kind = row.widget.type === "ops-host" ? "host" : "cluster";
    const hosts =
      kind === "cluster"
        ? index
            .refsOf(row.widget)
            .filter((ref) => ref.field === "hosts" && ref.target)
            .map((ref) => ref.target!)
        : [];
    const item = node(row, kind, servicesOn.get(row.widget.id) ?? [], {
      hosts,
      notes: environmentNote(row),
    });
    append(placements, row.environment?.id, item);
  }

  // Hosts, then clusters, then services straight in the environment, then stray endpoints.
  const kindRank = (item: TopologyNode) => TOPOLOGY_KINDS.indexOf(item.kind);
  const levelOf = (key: string | undefined) =>
    [...(placements.get(key) ?? []), ...(loose.get(key) ?? [])].sort(
      (a, b) => kindRank(a) - kindRank(b) || byName(a, b),
    );

  const environments = rowsOf.environment
    .map((row) => {
      const environment = node(row, "environment", []);
      return { ...environment, ...group(levelOf(row.widget.id)) };
    })
    .sort((a, b) => environmentOrder(a.widget) - environmentOrder(b.widget) || byName(a, b));
  const unplaced = group(levelOf(undefined));
  return { environments, unplaced, size: sizeOf(environments) + sizeOf(unplaced.children) };
}

/** A copy of the nodes holding only those in `keep` and the path down to them. */
function prune(nodes: TopologyNode[], keep: Set<string>): TopologyNode[] {
  const kept: TopologyNode[] = [];
  for (const item of nodes) {
    const children = prune(item.children, keep);
    if (children.length > 0 || keep.has(item.widget.slug))
      kept.push({ ...item, ...group(children) });
  }
  return kept;
}

/**
 * One item, its path up to the environment and its direct neighbours both
 * ways; undefined when no item has that slug.
 */
export function focusTopology(
  model: CatalogModel,
  topology: Topology,
  slug: string,
): FocusedTopology | undefined {
  const row = model.rowBySlug.get(slug);
  if (!row) return undefined;
  const { index } = model;
  const groups = new Map<string, Neighbour[]>();
  const add = (label: string, neighbour: Neighbour) => {
    const list = groups.get(label);
    if (list) list.push(neighbour);
    else groups.set(label, [neighbour]);
  };
  const evidenceOf = (widget: Widget) => model.rowBySlug.get(widget.slug)?.evidence.state;

  for (const ref of index.refsOf(row.widget)) {
    const label = RELATION_LABELS[ref.field]?.out ?? ref.field;
    add(label, {
      slug: ref.slug,
      widget: ref.target,
      evidence: ref.target ? evidenceOf(ref.target) : undefined,
    });
  }
  for (const link of index.backlinksOf(row.widget)) {
    const label = RELATION_LABELS[link.field]?.in ?? link.field;
    add(label, { slug: link.from.slug, widget: link.from, evidence: evidenceOf(link.from) });
  }

  const keep = new Set([slug, ...[...groups.values()].flat().map((neighbour) => neighbour.slug)]);
  const environments = prune(topology.environments, keep);
  const unplaced = group(prune(topology.unplaced.children, keep));
  return {
    topology: {
      environments,
      unplaced,
      size: sizeOf(environments) + sizeOf(unplaced.children),
    },
    focus: {
      widget: row.widget,
      evidence: row.evidence.state,
      inTree: kindOf(row.widget) !== undefined,
      neighbours: [...groups.entries()].map(([label, items]) => ({ label, items })),
    },
  };
}
