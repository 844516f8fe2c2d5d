import { describe, expect, it } from "vitest";
import { createThrottle } from "./throttle";

describe("sign-in throttle", () => {
  it("allows a few failures, then locks for a growing while, and forgets after success", () => {
    let now = 0;
    const throttle = createThrottle(() => now);
    const keys = ["user:admin", "addr:10.0.0.1"];
    for (let i = 0; i < 4; i++) throttle.fail(keys);
    expect(throttle.retryAfterMs(keys)).toBe(0);
    throttle.fail(keys);
    const first = throttle.retryAfterMs(keys);
    expect(first).toBeGreaterThan(0);
    now += first;
    expect(throttle.retryAfterMs(keys)).toBe(0);
    throttle.fail(keys);
    expect(throttle.retryAfterMs(keys)).toBeGreaterThan(first);
    // Another user from another address is not affected.
    expect(throttle.retryAfterMs(["user:ops", "addr:10.0.0.2"])).toBe(0);
    now += 60 * 60_000;
    throttle.succeed(keys);
    expect(throttle.retryAfterMs(keys)).toBe(0);
  });

  it("never locks for longer than fifteen minutes", () => {
    const throttle = createThrottle(() => 0);
    for (let i = 0; i < 100; i++) throttle.fail(["user:x"]);
    expect(throttle.retryAfterMs(["user:x"])).toBeLessThanOrEqual(15 * 60_000);
  });
});
