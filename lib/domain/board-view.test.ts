import { describe, expect, it } from "vitest";
import { toBoardView } from "./board-view";
import { evaluateWave } from "./gates";
import { buildCatalogIndex } from "./relations";
import type { Widget } from "./types";
import { event } from "@/test/fixtures";
import { DAY_MS } from "./time";

const widget = (slug: string, type: string, metadata: Widget["metadata"] = {}): Widget => ({
  id: `w-${slug}`,
  hubId: "hub",
  type,
  slug,
  name: slug,
  metadata,
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

describe("a gate's evidence on the board", () => {
  it("shows the eight that decide a rule over many items, failed first, then the oldest, and counts the rest", () => {
    const now = new Date("2026-11-29T12:00:00Z");
    const services = Array.from({ length: 40 }, (_, i) => widget(`svc-${i}`, "ops-service"));
    const wave = widget("wave", "ops-migration-wave");
    const gate = widget("gate", "ops-readiness-gate", {
      wave: "wave",
      order: 1,
      rule: {
        requirements: [
          {
            kind: "evidence",
            eventType: "ops-health-checked",
            selector: { widgetType: "ops-service" },
            maxAgeDays: 7,
          },
        ],
      },
    });
    const index = buildCatalogIndex([wave, gate, ...services]);
    // Service i was checked i hours ago; services 5 and 30 failed.
    const latestEvents = services.map((service, i) =>
      event(service, "ops-health-checked", new Date(now.getTime() - (i * DAY_MS) / 24), {
        outcome: i === 5 || i === 30 ? "fail" : "pass",
      }),
    );
    const board = evaluateWave(wave, {
      index,
      latestEvents,
      annotations: [],
      acceptances: [],
      now,
    });
    const [requirement] = toBoardView(board, index).gates[0]!.requirements;
    expect(requirement!.evidence.map((e) => [e.itemSlug, e.outcome])).toEqual([
      ["svc-30", "fail"],
      ["svc-5", "fail"],
      ["svc-39", "pass"],
      ["svc-38", "pass"],
      ["svc-37", "pass"],
      ["svc-36", "pass"],
      ["svc-35", "pass"],
      ["svc-34", "pass"],
    ]);
    expect(requirement!.moreEvidence).toBe(32);
  });
});
