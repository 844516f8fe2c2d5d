import { describe, expect, it } from "vitest";
import { buildCatalogModel } from "./catalog";
import { serviceHealth } from "./service-profile";
import { bySlug, event, seedWidgets } from "@/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");

describe("a service's health", () => {
  it("is its endpoints' latest signals, so a service without its own events is not 'no evidence'", () => {
    const widgets = seedWidgets();
    const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
    const model = buildCatalogModel(
      {
        widgets,
        latestEvents: [
          event(registry, "ops-endpoint-verified", now, {
            outcome: "pass",
            observedAt: "2026-06-15",
          }),
        ],
        annotations: [],
      },
      now,
    );
    const health = serviceHealth(model, bySlug(widgets, "ops-service-gitea"));
    expect(health.state).toBe("stale");
    expect(health.newest?.toISOString()).toBe("2026-06-15T00:00:00.000Z");
    expect(
      health.signals.map((s) => [s.item.slug, s.kind, s.url, s.state, s.latest?.outcome]),
    ).toEqual([
      [
        "ops-endpoint-gitea-nodeport",
        "endpoint",
        "http://92.205.130.254:32166/",
        "none",
        undefined,
      ],
      [
        "ops-endpoint-gitea-registry",
        "endpoint",
        "https://gitea.coulomb.social/v2/",
        "stale",
        "pass",
      ],
      ["ops-endpoint-gitea-web", "endpoint", "https://gitea.coulomb.social/", "none", undefined],
    ]);
  });

  it("counts the service's own health URL, and fails when any latest signal failed", () => {
    const widgets = seedWidgets();
    const gitea = bySlug(widgets, "ops-service-gitea");
    gitea.metadata = { ...gitea.metadata, health: { url: "https://gitea.coulomb.social/healthz" } };
    const model = buildCatalogModel(
      {
        widgets,
        latestEvents: [
          event(gitea, "ops-health-checked", new Date("2026-11-29T11:00:00Z"), {
            outcome: "fail",
          }),
          event(bySlug(widgets, "ops-endpoint-gitea-web"), "ops-endpoint-verified", now, {
            outcome: "pass",
          }),
        ],
        annotations: [],
      },
      now,
    );
    const health = serviceHealth(model, gitea);
    expect(health.state).toBe("failing");
    expect(health.signals[0]).toMatchObject({
      kind: "health URL",
      url: "https://gitea.coulomb.social/healthz",
      state: "failing",
      latest: { outcome: "fail", stale: false },
    });
    expect(health.signals.find((s) => s.item.slug === "ops-endpoint-gitea-web")?.state).toBe(
      "fresh",
    );
  });
});
