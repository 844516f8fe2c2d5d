import { describe, expect, it } from "vitest";
import { buildCatalogModel } from "./catalog";
import { annotation, bySlug, event, seedWidgets } from "@/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");
const kinds = (model: ReturnType<typeof buildCatalogModel>, slug: string) =>
  model.gaps
    .filter((g) => g.widget.slug === slug)
    .map((g) => g.kind)
    .sort();

describe("gaps", () => {
  const widgets = seedWidgets();

  it("finds what the seed inventory cannot answer yet", () => {
    const model = buildCatalogModel({ widgets, latestEvents: [], annotations: [] }, now);
    expect(kinds(model, "ops-service-state-hub")).toEqual([
      "no-endpoint",
      "no-fresh-health",
      "no-owner",
    ]);
    expect(kinds(model, "ops-service-ops-bridge")).toEqual([
      "no-endpoint",
      "no-fresh-health",
      "no-owner",
    ]);
    expect(kinds(model, "ops-service-gitea-postgres")).toEqual([
      "no-backup-evidence",
      "no-fresh-health",
      "no-restore-evidence",
    ]);
    expect(kinds(model, "ops-endpoint-gitea-registry")).toEqual(["endpoint-never-verified"]);
  });

  it("closes a gap when fresh evidence arrives, and reopens it as the evidence ages", () => {
    const backup = bySlug(widgets, "ops-backup-gitea");
    const latestEvents = [
      event(backup, "ops-backup-verified", new Date("2026-11-28T00:00:00Z"), { outcome: "pass" }),
      event(backup, "ops-restore-tested", new Date("2026-11-01T00:00:00Z"), { outcome: "pass" }),
    ];
    const today = buildCatalogModel({ widgets, latestEvents, annotations: [] }, now);
    expect(kinds(today, "ops-service-gitea-postgres")).toEqual(["no-fresh-health"]);
    const later = buildCatalogModel(
      { widgets, latestEvents, annotations: [] },
      new Date("2026-12-10T00:00:00Z"),
    );
    expect(kinds(later, "ops-service-gitea-postgres")).toEqual([
      "no-backup-evidence",
      "no-fresh-health",
      "no-restore-evidence",
    ]);
  });

  it("lists open gap annotations until a later annotation resolves them", () => {
    const gitea = bySlug(widgets, "ops-service-gitea");
    const gap = annotation(gitea, "ops-backup-gap", "shared storage has no backup");
    const open = buildCatalogModel({ widgets, latestEvents: [], annotations: [gap] }, now);
    expect(open.gaps.find((g) => g.kind === "open-annotation")).toMatchObject({
      widget: gitea,
      detail: "ops-backup-gap: shared storage has no backup",
    });
    const resolution = annotation(gitea, "ops-backup-gap", "backup job added", {
      resolves: gap.id,
    });
    const closed = buildCatalogModel(
      { widgets, latestEvents: [], annotations: [gap, resolution] },
      now,
    );
    expect(closed.gaps.some((g) => g.kind === "open-annotation")).toBe(false);
  });

  it("shows a reference to a missing slug as a broken reference, not a crash", () => {
    const broken = {
      ...bySlug(widgets, "ops-service-inter-hub"),
      id: "w-x",
      slug: "ops-service-x",
      metadata: { environment: "ops-env-mars", purpose: "p", owner: { repo: "r" } },
    };
    const model = buildCatalogModel(
      { widgets: [...widgets, broken], latestEvents: [], annotations: [] },
      now,
    );
    expect(model.gaps).toContainEqual(
      expect.objectContaining({
        kind: "broken-reference",
        detail: "environment → ops-env-mars does not exist",
      }),
    );
    expect(model.index.refsOf(broken)).toEqual([
      { field: "environment", slug: "ops-env-mars", target: undefined },
    ]);
  });
});
