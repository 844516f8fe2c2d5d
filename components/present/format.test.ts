import { describe, expect, it } from "vitest";
import { clockUtc, countdown, gateIndex } from "./format";

describe("present mode formatting", () => {
  it("shows the data's time of day in UTC", () => {
    expect(clockUtc("2026-11-29T09:05:07.123Z")).toBe("09:05:07 UTC");
  });

  it("counts down to an expiry in whole days", () => {
    const now = "2026-11-29T12:00:00.000Z";
    expect(countdown("2026-12-09T12:00:00.000Z", now)).toBe("10 days left");
    expect(countdown("2026-12-01T00:00:00.000Z", now)).toBe("2 days left");
    expect(countdown("2026-11-30T12:00:00.000Z", now)).toBe("1 day left");
    expect(countdown("2026-11-29T20:00:00.000Z", now)).toBe("expires within a day");
    expect(countdown("2026-11-29T11:00:00.000Z", now)).toBe("expired");
  });

  it("reads ?gate= as a 1-based position, clamped to the gates there are", () => {
    expect(gateIndex(undefined, 8)).toBe(0);
    expect(gateIndex("3", 8)).toBe(2);
    expect(gateIndex(["5", "6"], 8)).toBe(4);
    expect(gateIndex("99", 8)).toBe(7);
    expect(gateIndex("0", 8)).toBe(0);
    expect(gateIndex("abc", 8)).toBe(0);
    expect(gateIndex("2", 0)).toBe(0);
  });
});
