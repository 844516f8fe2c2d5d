import { describe, expect, it } from "vitest";
import type { InteractionEvent, Widget } from "./types";
import { buildCatalogModel } from "./catalog";
import {
  buildTopology,
  focusTopology,
  parseTopologyParams,
  type Topology,
  type TopologyNode,
} from "./topology";

const NOW = new Date("2026-07-01T12:00:00.000Z");

function widget(type: string, slug: string, metadata: Record<string, unknown> = {}): Widget {
  return {
    id: `w-${slug}`,
    hubId: "hub",
    type,
    slug,
    name: slug.replace(/-/g, " "),
    metadata,
    version: 1,
    createdAt: "2026-06-01T00:00:00.000Z",
    updatedAt: "2026-06-01T00:00:00.000Z",
  };
}

function check(target: Widget, outcome: "pass" | "fail", at = NOW): InteractionEvent {
  return {
    id: `e-${target.slug}`,
    hubId: "hub",
    widgetId: target.id,
    type: "ops-health-checked",
    viewContext: null,
    metadata: { outcome },
    recordedBy: "probe",
    createdAt: at.toISOString(),
  };
}

const model = (widgets: Widget[], latestEvents: InteractionEvent[] = []) =>
  buildCatalogModel({ widgets, latestEvents, annotations: [] }, NOW);

/** Every node of the tree as "slug" lines indented by depth, for readable expectations. */
function outline(nodes: TopologyNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${"  ".repeat(depth)}${node.widget.slug}`,
    ...outline(node.children, depth + 1),
  ]);
}

function slugsOf(topology: Topology): string[] {
  return [...outline(topology.environments), ...outline(topology.unplaced.children)].map((line) =>
    line.trim(),
  );
}

const find = (nodes: TopologyNode[], slug: string): TopologyNode | undefined => {
  for (const node of nodes) {
    if (node.widget.slug === slug) return node;
    const found = find(node.children, slug);
    if (found) return found;
  }
  return undefined;
};

const small = [
  widget("ops-environment", "env-a", { role: "a", lifecycle: "production", order: 2 }),
  widget("ops-environment", "env-b", { role: "b", lifecycle: "local", order: 1 }),
  widget("ops-environment", "env-empty", { role: "c", lifecycle: "target" }),
  widget("ops-host", "host-1", { environment: "env-a" }),
  widget("ops-cluster", "cluster-1", { environment: "env-a", hosts: ["host-1"] }),
  widget("ops-service", "svc-on-host", { environment: "env-a", runsOn: "host-1" }),
  widget("ops-service", "svc-on-cluster", {
    environment: "env-a",
    runsOn: "cluster-1",
    dependsOn: ["svc-loose"],
  }),
  widget("ops-service", "svc-loose", { environment: "env-a" }),
  widget("ops-service", "svc-broken", { environment: "env-b", runsOn: "ghost-host" }),
  widget("ops-endpoint", "ep-web", {
    service: "svc-on-host",
    url: "https://a/",
    exposure: "public",
  }),
  widget("ops-endpoint", "ep-api", {
    service: "svc-on-host",
    url: "https://b/",
    exposure: "public",
  }),
  widget("ops-endpoint", "ep-cluster", {
    service: "svc-on-cluster",
    url: "http://c/",
    exposure: "internal",
  }),
  widget("ops-endpoint", "ep-orphan", {
    service: "nowhere",
    url: "http://d/",
    exposure: "internal",
  }),
  widget("ops-host", "host-stray", { environment: "env-gone" }),
  widget("ops-service", "svc-stray", {}),
  widget("ops-backup-set", "backup-1", { protects: ["svc-on-cluster"] }),
  widget("ops-runbook", "runbook-1", { covers: ["deploy"], items: ["svc-on-cluster"] }),
];

describe("topology", () => {
  it("nests environment → host or cluster → service → endpoint, environments in their order", () => {
    const topology = buildTopology(model(small));
    expect(outline(topology.environments)).toEqual([
      "env-b",
      "  svc-broken",
      "env-a",
      "  host-1",
      "    svc-on-host",
      "      ep-api",
      "      ep-web",
      "  cluster-1",
      "    svc-on-cluster",
      "      ep-cluster",
      "  svc-loose",
      "env-empty",
    ]);
    const envA = topology.environments[1]!;
    expect(envA.counts).toEqual({ host: 1, cluster: 1, service: 3, endpoint: 3 });
    expect(find(topology.environments, "cluster-1")!.hosts.map((h) => h.slug)).toEqual(["host-1"]);
  });

  it("keeps what cannot be placed visible, naming the reference that did not resolve", () => {
    const topology = buildTopology(model(small));
    expect(outline(topology.unplaced.children)).toEqual(["host-stray", "svc-stray", "ep-orphan"]);
    expect(find(topology.environments, "svc-broken")!.notes).toEqual([
      "runsOn “ghost-host” names no host or cluster",
    ]);
    expect(find(topology.unplaced.children, "host-stray")!.notes).toEqual([
      "environment “env-gone” names no environment",
    ]);
    expect(find(topology.unplaced.children, "ep-orphan")!.notes).toEqual([
      "service “nowhere” names no service",
    ]);
    // Each drawable item exactly once; backup sets and runbooks are not drawn.
    const slugs = slugsOf(topology);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(topology.size).toBe(small.length - 2);
    expect(slugs).not.toContain("backup-1");
  });

  it("carries each item's evidence state and tallies trouble below a collapsed node", () => {
    const ep = small.find((w) => w.slug === "ep-web")!;
    const svc = small.find((w) => w.slug === "svc-on-host")!;
    const old = new Date(NOW.getTime() - 3 * 86_400_000);
    const topology = buildTopology(model(small, [check(ep, "fail"), check(svc, "pass", old)]));
    const host = find(topology.environments, "host-1")!;
    expect(host.evidence).toBe("none");
    expect(host.health).toEqual({ fresh: 0, stale: 1, failing: 1, none: 1 });
    expect(find(topology.environments, "ep-web")!.evidence).toBe("failing");
    expect(topology.environments[1]!.health.failing).toBe(1);
  });

  it("focuses on one item: its path up to the environment and its direct neighbours", () => {
    const catalog = model(small);
    const focused = focusTopology(catalog, buildTopology(catalog), "svc-on-cluster")!;
    expect(outline(focused.topology.environments)).toEqual([
      "env-a",
      "  cluster-1",
      "    svc-on-cluster",
      "      ep-cluster",
      "  svc-loose",
    ]);
    expect(focused.topology.unplaced.children).toEqual([]);
    expect(focused.topology.size).toBe(5);
    // Counts describe what is shown.
    expect(focused.topology.environments[0]!.counts).toEqual({
      host: 0,
      cluster: 1,
      service: 2,
      endpoint: 1,
    });
    expect(focused.focus.inTree).toBe(true);
    expect(
      focused.focus.neighbours.map(({ label, items }) => [label, items.map((i) => i.slug)]),
    ).toEqual([
      ["Environment", ["env-a"]],
      ["Runs on", ["cluster-1"]],
      ["Depends on", ["svc-loose"]],
      ["Endpoints and releases", ["ep-cluster"]],
      ["Protected by", ["backup-1"]],
      ["Runbooks", ["runbook-1"]],
    ]);
  });

  it("focuses on an item the tree does not draw through the items it relates to", () => {
    const catalog = model(small);
    const focused = focusTopology(catalog, buildTopology(catalog), "backup-1")!;
    expect(focused.focus.inTree).toBe(false);
    expect(outline(focused.topology.environments)).toEqual([
      "env-a",
      "  cluster-1",
      "    svc-on-cluster",
    ]);
  });

  it("shows a broken reference of the focused item as a neighbour without a widget", () => {
    const catalog = model(small);
    const focused = focusTopology(catalog, buildTopology(catalog), "svc-broken")!;
    const runsOn = focused.focus.neighbours.find((group) => group.label === "Runs on")!;
    expect(runsOn.items).toEqual([{ slug: "ghost-host", widget: undefined, evidence: undefined }]);
    expect(outline(focused.topology.environments)).toEqual(["env-b", "  svc-broken"]);
  });

  it("has nothing to focus on for an unknown slug", () => {
    const catalog = model(small);
    expect(focusTopology(catalog, buildTopology(catalog), "no-such-item")).toBeUndefined();
  });

  describe("with 500+ nodes", () => {
    // 6 environments × (4 hosts + 2 clusters, 4 services on each with 2 endpoints, 2 loose
    // services) and 20 unplaced services: 506 nodes.
    const widgets: Widget[] = [];
    for (let e = 0; e < 6; e++) {
      const env = `env-${e}`;
      widgets.push(
        widget("ops-environment", env, { role: env, lifecycle: "production", order: e }),
      );
      for (let p = 0; p < 6; p++) {
        const placement = p < 4 ? `host-${e}-${p}` : `cluster-${e}-${p}`;
        widgets.push(
          p < 4
            ? widget("ops-host", placement, { environment: env })
            : widget("ops-cluster", placement, { environment: env, hosts: [`host-${e}-0`] }),
        );
        for (let s = 0; s < 4; s++) {
          const service = `svc-${e}-${p}-${s}`;
          widgets.push(widget("ops-service", service, { environment: env, runsOn: placement }));
          for (let x = 0; x < 2; x++) {
            widgets.push(
              widget("ops-endpoint", `ep-${e}-${p}-${s}-${x}`, {
                service,
                url: "https://x/",
                exposure: "public",
              }),
            );
          }
        }
      }
      widgets.push(widget("ops-service", `svc-${e}-loose-0`, { environment: env }));
      widgets.push(widget("ops-service", `svc-${e}-loose-1`, { environment: env }));
    }
    for (let u = 0; u < 20; u++) widgets.push(widget("ops-service", `svc-unplaced-${u}`, {}));

    it("draws every node exactly once, with counts that add up", () => {
      expect(widgets.length).toBe(506);
      const catalog = model(widgets);
      const started = performance.now();
      const topology = buildTopology(catalog);
      // A generous bound that still catches a quadratic pass.
      expect(performance.now() - started).toBeLessThan(250);
      expect(topology.size).toBe(506);
      expect(new Set(slugsOf(topology)).size).toBe(506);
      expect(topology.environments).toHaveLength(6);
      for (const environment of topology.environments) {
        expect(environment.counts).toEqual({ host: 4, cluster: 2, service: 26, endpoint: 48 });
        expect(environment.health.none).toBe(80);
      }
      expect(topology.unplaced.counts.service).toBe(20);
    });

    it("focuses on a host: only it, its environment and its neighbours", () => {
      const catalog = model(widgets);
      const focused = focusTopology(catalog, buildTopology(catalog), "host-3-0")!;
      // Environment, the host, its 4 services, and the 2 clusters on it.
      expect(outline(focused.topology.environments)).toEqual([
        "env-3",
        "  host-3-0",
        "    svc-3-0-0",
        "    svc-3-0-1",
        "    svc-3-0-2",
        "    svc-3-0-3",
        "  cluster-3-4",
        "  cluster-3-5",
      ]);
      expect(focused.topology.size).toBe(8);
    });
  });
});

describe("topology URL parameters", () => {
  it("reads focus and open level, dropping what it does not understand", () => {
    expect(parseTopologyParams({ focus: " svc-a ", open: "none" })).toEqual({
      focus: "svc-a",
      open: "none",
    });
    expect(parseTopologyParams({ focus: ["a", "b"], open: "sideways" })).toEqual({
      focus: "a",
      open: undefined,
    });
    expect(parseTopologyParams({ focus: "  " })).toEqual({ focus: undefined, open: undefined });
  });
});
