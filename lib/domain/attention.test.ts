import { describe, expect, it } from "vitest";
import type { Widget } from "./types";
import { needsAttention } from "./attention";
import { buildCatalogModel } from "./catalog";
import { evaluateWave } from "./gates";
import { bySlug, event, seedWidgets } from "@/test/fixtures";

const DAY = 86_400_000;
const now = new Date("2026-11-29T12:00:00Z");

describe("what needs attention", () => {
  it("names each wave's verdict and its holding gates, failing and stale items, overdue signals and acceptances about to expire", () => {
    const widgets = seedWidgets();
    const risk: Widget = {
      ...bySlug(widgets, "ops-service-gitea"),
      id: "w-risk",
      slug: "ops-risk-x",
      type: "ops-risk",
      name: "Rollback untested",
      metadata: {},
    };
    const web = bySlug(widgets, "ops-endpoint-gitea-web");
    web.metadata = { ...web.metadata, probe: { cadenceSeconds: 300 } };
    const accept = (covers: string[], days: number) =>
      event(risk, "ops-risk-accepted", new Date(now.getTime() - DAY), {
        covers,
        expiresAt: new Date(now.getTime() + days * DAY).toISOString(),
        justification: "Rehearsed next sprint.",
        policyScope: "ops-transitional-prod",
        acceptedBy: { id: "u2", name: "bo" },
      });
    const soon = accept(["ops-readiness-rollback"], 3);
    const later = accept(["ops-readiness-dns-tls"], 40);
    const model = buildCatalogModel(
      {
        widgets: [...widgets, risk],
        latestEvents: [
          event(bySlug(widgets, "ops-endpoint-gitea-registry"), "ops-endpoint-verified", now, {
            outcome: "pass",
            observedAt: "2026-06-15",
          }),
          event(bySlug(widgets, "ops-endpoint-gitea-nodeport"), "ops-endpoint-verified", now, {
            outcome: "fail",
          }),
        ],
        annotations: [],
        riskEvents: [soon, later],
      },
      now,
    );
    const wave = bySlug(widgets, "ops-migration-coulombcore-to-threephoenix");
    const board = evaluateWave(wave, { ...model, latestEvents: model.latestByWidget });
    const attention = needsAttention(model, [board]);

    expect(attention.waves).toHaveLength(1);
    expect(attention.waves[0]).toMatchObject({ name: wave.name, go: false, gateCount: 8 });
    expect(attention.waves[0]!.holding.length).toBe(board.holding.length);
    expect(attention.waves[0]!.holding.map((g) => g.slug)).not.toContain("ops-readiness-rollback");
    expect(attention.failing.map((row) => row.widget.slug)).toEqual([
      "ops-endpoint-gitea-nodeport",
    ]);
    expect(attention.stale.map((row) => row.widget.slug)).toEqual(["ops-endpoint-gitea-registry"]);
    expect(attention.overdue.map((gap) => gap.widget.slug)).toEqual(["ops-endpoint-gitea-web"]);
    expect(attention.expiring.map((a) => [a.event.id, a.daysLeft])).toEqual([[soon.id, 3]]);
  });
});
