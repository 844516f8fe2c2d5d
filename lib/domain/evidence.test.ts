import { describe, expect, it } from "vitest";
import { ageLabel, dailyStrip, evidenceStatus, foldDays, observedAt } from "./evidence";
import { bySlug, event, seedWidgets } from "@/test/fixtures";

const widgets = seedWidgets();
const endpoint = bySlug(widgets, "ops-endpoint-gitea-registry");
const backup = bySlug(widgets, "ops-backup-gitea");
const now = new Date("2026-11-29T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe("evidence status", () => {
  it("is none without evidence; events without an outcome are not evidence", () => {
    expect(evidenceStatus([], now).state).toBe("none");
    expect(evidenceStatus([event(endpoint, "ops-inventory-updated", hoursAgo(1))], now).state).toBe(
      "none",
    );
  });

  it("is fresh within the type's window and turns stale by itself once past it", () => {
    const verified = event(endpoint, "ops-endpoint-verified", hoursAgo(23), { outcome: "pass" });
    expect(evidenceStatus([verified], now).state).toBe("fresh");
    expect(evidenceStatus([verified], new Date(now.getTime() + 2 * 3_600_000)).state).toBe("stale");
  });

  it("uses each event type's own window (backup 7 days, restore test 30 days)", () => {
    const backupOk = event(backup, "ops-backup-verified", hoursAgo(24 * 6), { outcome: "pass" });
    const restoreOk = event(backup, "ops-restore-tested", hoursAgo(24 * 29), { outcome: "pass" });
    expect(evidenceStatus([backupOk, restoreOk], now).state).toBe("fresh");
    const restoreOld = event(backup, "ops-restore-tested", hoursAgo(24 * 31), { outcome: "pass" });
    const status = evidenceStatus([backupOk, restoreOld], now);
    expect(status.state).toBe("stale");
    expect(status.deciding).toEqual([restoreOld]);
  });

  it("is failing when any latest evidence failed, and says which", () => {
    const failed = event(backup, "ops-backup-verified", hoursAgo(1), { outcome: "fail" });
    const status = evidenceStatus(
      [failed, event(backup, "ops-restore-tested", hoursAgo(2), { outcome: "pass" })],
      now,
    );
    expect(status).toMatchObject({ state: "failing", deciding: [failed] });
    expect(status.newest?.event).toBe(failed);
  });

  it("dates a seeded observation by when it was observed, not when it was recorded", () => {
    const seeded = event(endpoint, "ops-endpoint-verified", now, {
      outcome: "pass",
      observedAt: "2026-06-15",
    });
    expect(observedAt(seeded).toISOString()).toBe("2026-06-15T00:00:00.000Z");
    expect(evidenceStatus([seeded], now).state).toBe("stale");
  });
});

describe("the 30-day strip", () => {
  it("marks each day pass, fail or none, oldest first, fail winning a day", () => {
    const strip = dailyStrip(
      foldDays(new Map(), [
        event(endpoint, "ops-endpoint-verified", hoursAgo(1), { outcome: "pass" }),
        event(endpoint, "ops-endpoint-verified", hoursAgo(2), { outcome: "fail" }),
        event(endpoint, "ops-endpoint-verified", hoursAgo(48), { outcome: "pass" }),
        event(endpoint, "ops-endpoint-verified", hoursAgo(24 * 40), { outcome: "fail" }),
      ]),
      now,
    );
    expect(strip).toHaveLength(30);
    expect(strip.at(-1)).toEqual({ day: "2026-11-29", state: "fail" });
    expect(strip.at(-3)).toEqual({ day: "2026-11-27", state: "pass" });
    expect(strip[0]).toEqual({ day: "2026-10-31", state: "none" });
    expect(strip.filter((d) => d.state !== "none")).toHaveLength(2);
  });
});

describe("ages", () => {
  it("reads like a person would say it", () => {
    expect(ageLabel(hoursAgo(0), now)).toBe("just now");
    expect(ageLabel(new Date(now.getTime() - 5 * 60_000), now)).toBe("5 minutes ago");
    expect(ageLabel(hoursAgo(72), now)).toBe("3 days ago");
    expect(ageLabel(new Date("2026-06-15T00:00:00Z"), now)).toBe("5 months ago");
  });
});
