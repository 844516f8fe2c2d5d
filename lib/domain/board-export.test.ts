import { describe, expect, it } from "vitest";
import { boardMarkdown } from "./board-export";
import { toBoardView } from "./board-view";
import { evaluateWave } from "./gates";
import { buildCatalogIndex } from "./relations";
import { bySlug, event, seedWidgets } from "@/test/fixtures";

describe("the readiness export", () => {
  it("writes the wave's verdict, a table of gates and why each has its status", () => {
    const widgets = seedWidgets();
    const index = buildCatalogIndex(widgets);
    const now = new Date("2026-11-29T12:00:00Z");
    const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
    const board = evaluateWave(bySlug(widgets, "ops-migration-coulombcore-to-threephoenix"), {
      index,
      latestEvents: [
        event(registry, "ops-endpoint-verified", now, {
          outcome: "pass",
          observedAt: "2026-06-15",
          observer: "T07",
        }),
      ],
      annotations: [],
      acceptances: [],
      now,
    });
    const markdown = boardMarkdown(toBoardView(board, index));
    expect(markdown).toContain("# Readiness gates: CoulombCore → ThreePhoenix");
    expect(markdown).toContain("CoulombCore → ThreePhoenix production.");
    expect(markdown).toContain("**NO-GO**: held by 8 of 8 gates.");
    expect(markdown).toContain(
      "| 3 | Git hosting and container registry are reproducible | failing | railiance-apps |",
    );
    expect(markdown).toContain(
      "  - `ops-endpoint-verified` on Gitea OCI registry /v2/: pass, 5 months ago, by T07",
    );
    expect(markdown).toContain(
      "- runbooks cover deploy, restore, rotate and incident: does not hold (not covered: restore, rotate, incident)",
    );
  });
});
