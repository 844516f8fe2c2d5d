import { describe, expect, it } from "vitest";
import { createStripDaysCache } from "./strip-days";
import type { InteractionEvent } from "./types";

const event = (widgetId: string, day: string, outcome: "pass" | "fail"): InteractionEvent =>
  ({
    id: `${widgetId}-${day}-${outcome}-${Math.random()}`,
    widgetId,
    type: "ops-endpoint-verified",
    hubId: "hub",
    createdAt: `${day}T12:00:00.000Z`,
    viewContext: null,
    recordedBy: null,
    metadata: { outcome },
  }) satisfies InteractionEvent;

describe("evidence strip days", () => {
  it("reads an item's history once, then follows the feed: fail wins a day", async () => {
    const cache = createStripDaysCache();
    let reads = 0;
    const read = async (ids: string[]) => {
      reads += 1;
      return ids.includes("a") ? [event("a", "2026-11-30", "pass")] : [];
    };
    const first = await cache.daysOf(["a", "b"], read);
    expect(Object.fromEntries(first.get("a")!)).toEqual({ "2026-11-30": "pass" });
    cache.take([event("a", "2026-11-30", "fail"), event("a", "2026-12-01", "pass")]);
    cache.take([event("a", "2026-11-30", "pass")]);
    const second = await cache.daysOf(["a", "b"], read);
    expect(reads).toBe(1);
    expect(Object.fromEntries(second.get("a")!)).toEqual({
      "2026-11-30": "fail",
      "2026-12-01": "pass",
    });
    expect(second.get("b")!.size).toBe(0);
  });

  it("keeps what the feed brings while an item's first read is under way", async () => {
    const cache = createStripDaysCache();
    let finish!: (events: InteractionEvent[]) => void;
    const pending = cache.daysOf(["a"], () => new Promise((resolve) => (finish = resolve)));
    cache.take([event("a", "2026-12-01", "fail")]);
    finish([event("a", "2026-11-29", "pass")]);
    expect(Object.fromEntries((await pending).get("a")!)).toEqual({
      "2026-11-29": "pass",
      "2026-12-01": "fail",
    });
  });

  it("forgets a failed read, and everything when cleared; holds at most its capacity", async () => {
    const cache = createStripDaysCache(2);
    await expect(cache.daysOf(["a"], () => Promise.reject(new Error("down")))).rejects.toThrow();
    let reads = 0;
    const read = async () => {
      reads += 1;
      return [];
    };
    await cache.daysOf(["a"], read);
    expect(reads).toBe(1);
    await cache.daysOf(["b", "c"], read); // "a" goes
    await cache.daysOf(["a"], read);
    expect(reads).toBe(3);
    cache.clear();
    await cache.daysOf(["a"], read);
    expect(reads).toBe(4);
  });
});
