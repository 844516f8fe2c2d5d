import { describe, expect, it } from "vitest";
import { buildCatalogModel } from "./catalog";
import { summarizeEnvironments } from "./environments";
import { bySlug, event, seedWidgets } from "@/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");

describe("environment summaries", () => {
  it("orders the seed's environments from current production to target, with what runs in each", () => {
    const summaries = summarizeEnvironments(
      buildCatalogModel({ widgets: seedWidgets(), latestEvents: [], annotations: [] }, now),
    );
    expect(summaries.map((s) => s.widget.slug)).toEqual([
      "ops-env-coulombcore",
      "ops-env-local",
      "ops-env-railiance01",
      "ops-env-threephoenix-prod",
    ]);
    const coulombcore = summaries[0]!;
    expect(coulombcore.seed).toBe(true);
    // Gitea, its PostgreSQL and its shared storage; its web, registry and NodePort endpoints.
    expect(coulombcore.counts).toEqual({ hosts: 1, clusters: 1, services: 3, endpoints: 3 });
    expect(summaries[3]!.counts).toEqual({ hosts: 0, clusters: 0, services: 0, endpoints: 0 });
  });

  it("rolls up the evidence of what runs in an environment, with its newest age", () => {
    const widgets = seedWidgets();
    const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
    const web = bySlug(widgets, "ops-endpoint-gitea-web");
    const latestEvents = [
      event(registry, "ops-endpoint-verified", new Date("2026-11-29T06:00:00Z"), {
        outcome: "pass",
      }),
      event(web, "ops-endpoint-verified", new Date("2026-11-20T06:00:00Z"), { outcome: "pass" }),
    ];
    const [coulombcore] = summarizeEnvironments(
      buildCatalogModel({ widgets, latestEvents, annotations: [] }, now),
    );
    expect(coulombcore!.health.states).toEqual({ fresh: 1, stale: 1, failing: 0, none: 6 });
    expect(coulombcore!.health.newest?.toISOString()).toBe("2026-11-29T06:00:00.000Z");
  });

  it("still shows an environment whose metadata does not parse, naming the field, last", () => {
    const widgets = seedWidgets();
    const broken = {
      ...widgets[0]!,
      id: "x",
      slug: "ops-env-broken",
      name: "Broken",
      metadata: { role: "r", lifecycle: "someday" },
    };
    const summaries = summarizeEnvironments(
      buildCatalogModel({ widgets: [broken, ...widgets], latestEvents: [], annotations: [] }, now),
    );
    const last = summaries.at(-1)!;
    expect(last.widget.slug).toBe("ops-env-broken");
    expect(last.metadata).toEqual({ ok: false, problem: expect.stringContaining("lifecycle") });
  });
});
