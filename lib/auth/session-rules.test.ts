import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_S, sessionIsOver } from "./session-rules";

const start = Date.parse("2026-11-29T08:00:00Z");
const fine = { ended: false, sessionsSince: null };

describe("session rules", () => {
  it("ends a session 8 hours after sign-in, however busy it was", () => {
    expect(sessionIsOver(start, fine, start + 60_000)).toBe(false);
    expect(sessionIsOver(start, fine, start + SESSION_MAX_AGE_S * 1000)).toBe(false);
    expect(sessionIsOver(start, fine, start + SESSION_MAX_AGE_S * 1000 + 1)).toBe(true);
  });

  it("ends it when it was signed out", () => {
    expect(sessionIsOver(start, { ended: true, sessionsSince: null }, start + 1)).toBe(true);
  });

  it("ends sessions begun before a password reset, not those after it", () => {
    const reset = { ended: false, sessionsSince: "2026-11-29T09:00:00.000Z" };
    expect(sessionIsOver(start, reset, start + 2 * 3_600_000)).toBe(true);
    expect(sessionIsOver(Date.parse(reset.sessionsSince) + 5, reset, start + 2 * 3_600_000)).toBe(
      false,
    );
  });
});
