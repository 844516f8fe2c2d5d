import { describe, expect, it } from "vitest";
import { buildCatalogModel, parseCatalogFilters, queryCatalog } from "./catalog";
import { annotation, bySlug, event, seedWidgets } from "@/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");
const widgets = seedWidgets();
const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
const model = buildCatalogModel(
  {
    widgets,
    latestEvents: [
      event(registry, "ops-endpoint-verified", new Date("2026-11-29T08:00:00Z"), {
        outcome: "pass",
      }),
    ],
    annotations: [
      annotation(bySlug(widgets, "ops-service-gitea"), "ops-backup-gap", "no restore test yet"),
    ],
  },
  now,
);
const query = (params: Record<string, string>) => queryCatalog(model, parseCatalogFilters(params));

describe("the catalog list", () => {
  it("filters by type and environment, as the URL says", () => {
    const page = query({ type: "ops-endpoint", env: "ops-env-coulombcore" });
    expect(page.rows.map((r) => r.widget.slug).sort()).toEqual([
      "ops-endpoint-gitea-nodeport",
      "ops-endpoint-gitea-registry",
      "ops-endpoint-gitea-web",
    ]);
    expect(page.total).toBe(3);
  });

  it("counts facets over the other filters, so a choice shows what it would give", () => {
    const page = query({ type: "ops-endpoint" });
    expect(page.facets.type.find((f) => f.value === "ops-service")?.count).toBe(9);
    expect(page.facets.env).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: "ops-env-coulombcore", label: "CoulombCore", count: 3 }),
        expect.objectContaining({ value: "ops-env-railiance01", count: 2 }),
      ]),
    );
    expect(page.facets.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: "fresh", count: 1 }),
        expect.objectContaining({ value: "none", count: 4 }),
      ]),
    );
  });

  it("filters by evidence state, owner and open gaps", () => {
    expect(query({ evidence: "fresh" }).rows.map((r) => r.widget.slug)).toEqual([
      "ops-endpoint-gitea-registry",
    ]);
    expect(query({ owner: "inter-hub" }).rows.map((r) => r.widget.slug)).toEqual([
      "ops-service-inter-hub",
    ]);
    const withGaps = query({ gaps: "yes", type: "ops-service" }).rows.map((r) => r.widget.slug);
    expect(withGaps).toContain("ops-service-state-hub");
    expect(query({ gaps: "no", type: "ops-service" }).total + withGaps.length).toBe(9);
  });

  it("searches name, slug and metadata, case-insensitively", () => {
    const stateHub = query({ q: "State Hub", type: "ops-service" }).rows.map((r) => r.widget.slug);
    expect(stateHub.sort()).toEqual(["ops-service-state-hub", "ops-service-state-hub-postgres"]);
    expect(query({ q: "92.205.62.239" }).rows.map((r) => r.widget.slug)).toEqual(
      expect.arrayContaining(["ops-env-railiance01", "ops-host-railiance01"]),
    );
  });

  it("pages, and ignores filters it cannot read instead of failing", () => {
    const first = query({ per: "25" });
    expect(first.rows).toHaveLength(25);
    expect(first.pageCount).toBe(Math.ceil(widgets.length / 25));
    expect(query({ per: "25", page: "2" }).rows[0]).not.toBe(first.rows[0]);
    // Past the end: the last page.
    expect(query({ page: "9999" }).page).toBe(first.pageCount);
    expect(query({ evidence: "sparkly", per: "7" }).total).toBe(widgets.length);
  });
});
