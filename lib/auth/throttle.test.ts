import { describe, expect, it } from "vitest";
import {
  ADDRESS_LIMIT,
  createThrottle,
  MAX_DELAY_MS,
  PAIR_LIMIT,
  USERNAME_SOFT_LIMIT,
  type SignInAttempt,
} from "./throttle";

const attacker: SignInAttempt = { username: "admin", address: "203.0.113.66" };
const rightful: SignInAttempt = { username: "admin", address: "198.51.100.7" };

describe("sign-in throttle", () => {
  it("counts an attempt before it is checked: of 40 parallel guesses, 5 go through", async () => {
    const throttle = createThrottle(() => 0);
    let evaluated = 0;
    const guess = async () => {
      const decision = throttle.attempt({ username: "ops", address: "10.0.0.1" });
      if (!decision.allowed) return "throttled";
      // The password check takes a while; the others arrive meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 5));
      evaluated += 1;
      return "wrong";
    };
    const answers = await Promise.all(Array.from({ length: 40 }, guess));
    expect(evaluated).toBe(PAIR_LIMIT);
    expect(answers.filter((answer) => answer === "throttled")).toHaveLength(40 - PAIR_LIMIT);
  });

  it("locks one address out of one username for a growing while, and forgets after success", () => {
    let now = 0;
    const throttle = createThrottle(() => now);
    for (let i = 0; i < PAIR_LIMIT; i++) expect(throttle.attempt(attacker).allowed).toBe(true);
    const first = throttle.retryAfterMs(attacker);
    expect(first).toBe(30_000);
    expect(throttle.attempt(attacker)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    now += first;
    expect(throttle.attempt(attacker).allowed).toBe(true);
    expect(throttle.retryAfterMs(attacker)).toBe(60_000);
    now += 60_000;
    const right = throttle.attempt(attacker);
    if (!right.allowed) throw new Error("should be allowed");
    right.succeeded();
    expect(throttle.retryAfterMs(attacker)).toBe(0);
  });

  it("never locks the rightful user out from another address; it slows everyone's guesses", () => {
    const throttle = createThrottle(() => 0);
    for (let i = 0; i < PAIR_LIMIT; i++) throttle.attempt(attacker);
    expect(throttle.attempt(attacker).allowed).toBe(false);
    expect(throttle.attempt(rightful)).toMatchObject({ allowed: true, delayMs: 0 });

    // Guesses for admin from many addresses: never refused, but slowed.
    const spread = (i: number) => ({ username: "admin", address: `192.0.2.${i}` });
    const delays = Array.from({ length: 20 }, (_, i) => {
      const decision = throttle.attempt(spread(i));
      expect(decision.allowed).toBe(true);
      return decision.allowed ? decision.delayMs : -1;
    });
    // 6 counted so far (5 from the attacker, 1 rightful), then 20 more.
    expect(delays.slice(0, USERNAME_SOFT_LIMIT - 6)).toEqual([0, 0, 0, 0]);
    expect(delays.slice(USERNAME_SOFT_LIMIT - 6, USERNAME_SOFT_LIMIT - 3)).toEqual([
      500, 1000, 2000,
    ]);
    expect(Math.max(...delays)).toBe(MAX_DELAY_MS);
    const late = throttle.attempt(rightful);
    expect(late).toMatchObject({ allowed: true, delayMs: MAX_DELAY_MS });
    // Another username is not slowed by admin's guesses.
    expect(throttle.attempt({ username: "ops", address: "192.0.2.1" })).toMatchObject({
      allowed: true,
      delayMs: 0,
    });
  });

  it("locks an address that tries many usernames, whatever the names", () => {
    const throttle = createThrottle(() => 0);
    for (let i = 0; i < ADDRESS_LIMIT; i++)
      expect(throttle.attempt({ username: `user-${i}`, address: "203.0.113.9" }).allowed).toBe(
        true,
      );
    expect(throttle.attempt({ username: "fresh", address: "203.0.113.9" }).allowed).toBe(false);
    expect(throttle.attempt({ username: "fresh", address: "203.0.113.10" }).allowed).toBe(true);
  });

  it("does not count a successful sign-in against the address or the username", () => {
    const throttle = createThrottle(() => 0);
    for (let i = 0; i < ADDRESS_LIMIT + 5; i++) {
      const decision = throttle.attempt({ username: `user-${i}`, address: "10.0.0.1" });
      if (!decision.allowed) throw new Error(`attempt ${i} refused`);
      decision.succeeded();
    }
  });

  it("doubles the lock with each further attempt, and forgets once the window has passed", () => {
    let now = 0;
    const throttle = createThrottle(() => now);
    for (let i = 0; i < PAIR_LIMIT; i++) throttle.attempt(attacker);
    const locks: number[] = [];
    while (now < 15 * 60_000) {
      const wait = throttle.retryAfterMs(attacker);
      locks.push(wait);
      now += wait;
      expect(throttle.attempt(attacker).allowed).toBe(true);
    }
    expect(locks).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    // The window has passed and the last lock is over: a fresh start.
    expect(throttle.retryAfterMs(attacker)).toBe(0);
  });

  it("treats usernames case-insensitively and unknown addresses as one", () => {
    const throttle = createThrottle(() => 0);
    for (let i = 0; i < PAIR_LIMIT; i++)
      throttle.attempt({ username: i % 2 ? "Admin" : "admin ", address: undefined });
    expect(throttle.attempt({ username: "ADMIN", address: undefined }).allowed).toBe(false);
  });
});
