import { describe, expect, it } from "vitest";
import { buildCatalogModel } from "./catalog";
import { inventoryJson, inventoryMarkdown } from "./inventory-export";
import { bySlug, event, seedWidgets } from "@/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");
const widgets = seedWidgets();
const model = buildCatalogModel(
  {
    widgets,
    latestEvents: [
      event(bySlug(widgets, "ops-endpoint-gitea-registry"), "ops-endpoint-verified", now, {
        outcome: "pass",
        observedAt: "2026-06-15",
      }),
    ],
    annotations: [],
  },
  now,
);

describe("the inventory export", () => {
  it("reads as a workplan document: environments with their hosts, services and endpoints, then gaps", () => {
    const markdown = inventoryMarkdown(model);
    expect(markdown).toMatch(/^# ops-hub inventory/);
    const coulombcore = markdown.slice(
      markdown.indexOf("## CoulombCore"),
      markdown.indexOf("## Local workstation"),
    );
    expect(coulombcore).toContain("Public IPs: 92.205.130.254");
    expect(coulombcore).toContain(
      "| Gitea and container registry | `ops-service-gitea` | railiance-apps |",
    );
    expect(coulombcore).toContain(
      "https://gitea.coulomb.social/v2/; public | stale (5 months ago) |",
    );
    expect(markdown).toContain("| `ops-service-state-hub` | No owner |");
    expect(markdown).toContain("- `ops-restore-tested`: 30 days");
  });

  it("gives scripts every item with its derived state", () => {
    const json = inventoryJson(model);
    expect(json.items).toHaveLength(widgets.length);
    expect(json.items.find((i) => i.slug === "ops-endpoint-gitea-registry")).toMatchObject({
      environment: "ops-env-coulombcore",
      evidence: { state: "stale", newestAt: "2026-06-15T00:00:00.000Z" },
      seed: true,
    });
  });
});
