import { describe, expect, it } from "vitest";
import type { Widget } from "./types";
import { cadenceLabel, overdueSignals } from "./cadence";
import { buildCatalogModel } from "./catalog";
import { bySlug, event, seedWidgets } from "@/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** The seed inventory with cadences declared on one endpoint and one backup set. */
function withCadences(): Widget[] {
  return seedWidgets().map((widget) => {
    if (widget.slug === "ops-endpoint-gitea-registry")
      return {
        ...widget,
        metadata: {
          ...widget.metadata,
          probe: { ...(widget.metadata.probe as object), cadenceSeconds: 300 },
        },
      };
    if (widget.slug === "ops-backup-gitea")
      return {
        ...widget,
        metadata: { ...widget.metadata, backupCadenceDays: 1, restoreTestCadenceDays: 30 },
      };
    return widget;
  });
}

const overdue = (model: ReturnType<typeof buildCatalogModel>) =>
  model.gaps
    .filter((gap) => gap.kind === "overdue")
    .map((gap) => [gap.widget.slug, gap.detail])
    .sort((a, b) => `${a}`.localeCompare(`${b}`));

describe("overdue signals", () => {
  const widgets = withCadences();
  const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
  const backup = bySlug(widgets, "ops-backup-gitea");

  it("says nothing while signals arrive within their cadence, whatever their outcome", () => {
    const latestEvents = [
      event(registry, "ops-endpoint-verified", minutesAgo(4), { outcome: "fail" }),
      event(backup, "ops-backup-verified", daysAgo(0.9), { outcome: "pass" }),
      event(backup, "ops-restore-tested", daysAgo(29), { outcome: "pass" }),
    ];
    expect(overdue(buildCatalogModel({ widgets, latestEvents, annotations: [] }, now))).toEqual([]);
  });

  it("shows items whose signal has not arrived in time in the gaps", () => {
    const latestEvents = [
      event(registry, "ops-endpoint-verified", minutesAgo(8), { outcome: "pass" }),
      event(backup, "ops-backup-verified", daysAgo(2), { outcome: "pass" }),
      // The seed's own observation date counts, not when it was recorded.
      event(backup, "ops-restore-tested", now, { outcome: "pass", observedAt: "2026-10-01" }),
    ];
    const model = buildCatalogModel({ widgets, latestEvents, annotations: [] }, now);
    expect(overdue(model)).toEqual([
      ["ops-backup-gitea", "ops-backup-verified expected every day; last 2 days ago"],
      ["ops-backup-gitea", "ops-restore-tested expected every 30 days; last 1 month ago"],
      [
        "ops-endpoint-gitea-registry",
        "ops-endpoint-verified expected every 5 minutes; last 8 minutes ago",
      ],
    ]);
    expect(model.rowBySlug.get("ops-backup-gitea")!.gaps.map((gap) => gap.kind)).toContain(
      "overdue",
    );
  });

  it("allows some slack past the cadence before calling it overdue", () => {
    const at = (minutes: number) =>
      overdueSignals(
        registry,
        [event(registry, "ops-endpoint-verified", minutesAgo(minutes), { outcome: "pass" })],
        now,
      );
    expect(at(6)).toEqual([]); // 5 minutes + 90 s of grace
    expect(at(7)).toHaveLength(1);
  });

  it("expects a first signal one cadence after the item was created", () => {
    const fresh = { ...registry, createdAt: minutesAgo(3).toISOString() };
    expect(overdueSignals(fresh, [], now)).toEqual([]);
    const old = { ...registry, createdAt: minutesAgo(30).toISOString() };
    expect(overdueSignals(old, [], now)).toEqual([
      {
        eventType: "ops-endpoint-verified",
        cadenceSeconds: 300,
        last: undefined,
        dueAt: minutesAgo(25),
      },
    ]);
  });

  it("ignores items that declare no cadence (the seed declares none)", () => {
    expect(
      overdue(
        buildCatalogModel({ widgets: seedWidgets(), latestEvents: [], annotations: [] }, now),
      ),
    ).toEqual([]);
  });

  it("names cadences in words", () => {
    expect([30, 60, 90, 300, 3600, 86_400, 7 * 86_400].map(cadenceLabel)).toEqual([
      "every 30 seconds",
      "every minute",
      "every 90 seconds",
      "every 5 minutes",
      "every hour",
      "every day",
      "every 7 days",
    ]);
  });
});
