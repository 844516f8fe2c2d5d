/**
 * Sign-in throttling, in memory, per process (enough for one instance; the
 * counters reset on restart). Three counters, each over a 15-minute window:
 *
 * - per username and address: after 5 attempts that did not succeed, that
 *   address may not try that username for 30 s, doubling with each further
 *   one up to 15 minutes;
 * - per address, over all usernames: the same lock after 50, against one
 *   address trying many usernames;
 * - per username, over all addresses: never a lock (anyone could then lock
 *   `admin` out), but after 10 each further attempt waits, from 0.5 s
 *   doubling up to 5 s, so guesses from many addresses come slowly while the
 *   rightful user still gets in.
 *
 * An attempt is counted when it starts, before the password is checked, and
 * taken back when it succeeds: parallel guesses cannot outrun the limit.
 */
const WINDOW_MS = 15 * 60_000;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
export const PAIR_LIMIT = 5;
export const ADDRESS_LIMIT = 50;
export const USERNAME_SOFT_LIMIT = 10;
const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 5_000;
/** Beyond this many counters, expired ones are swept before adding another. */
const SWEEP_AT = 10_000;

export type SignInAttempt = {
  username: string;
  /** The client's address; undefined when unknown (all such attempts share one counter). */
  address: string | undefined;
};

export type ThrottleDecision =
  | { allowed: false; retryAfterMs: number }
  | {
      allowed: true;
      /** Wait this long before checking the password (the per-username slow-down). */
      delayMs: number;
      /** The password was right: this attempt no longer counts against anyone. */
      succeeded: () => void;
    };

type Counter = { count: number; first: number; last: number };

export function createThrottle(now: () => number = Date.now) {
  const counters = new Map<string, Counter>();

  const lockedUntil = (counter: Counter | undefined, limit: number) =>
    counter && counter.count >= limit
      ? counter.last + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (counter.count - limit))
      : 0;

  const lockLimit = (key: string) =>
    key.startsWith("pair:") ? PAIR_LIMIT : key.startsWith("addr:") ? ADDRESS_LIMIT : Infinity;

  const expired = (key: string, counter: Counter) =>
    now() - counter.first > WINDOW_MS && lockedUntil(counter, lockLimit(key)) <= now();

  const current = (key: string) => {
    const counter = counters.get(key);
    if (counter && expired(key, counter)) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  };

  const count = (key: string) => {
    if (!counters.has(key) && counters.size >= SWEEP_AT)
      for (const [other, counter] of counters) if (expired(other, counter)) counters.delete(other);
    const counter = current(key) ?? { count: 0, first: now(), last: now() };
    counter.count += 1;
    counter.last = now();
    counters.set(key, counter);
  };

  const uncount = (key: string) => {
    const counter = current(key);
    if (counter) counter.count = Math.max(0, counter.count - 1);
  };

  const keysOf = ({ username, address }: SignInAttempt) => {
    const user = username.trim().toLowerCase();
    const from = address ?? "unknown";
    return { pair: `pair:${user}\n${from}`, address: `addr:${from}`, user: `user:${user}` };
  };

  const retryAfterMs = (attempt: SignInAttempt) => {
    const keys = keysOf(attempt);
    return Math.max(
      0,
      lockedUntil(current(keys.pair), PAIR_LIMIT) - now(),
      lockedUntil(current(keys.address), ADDRESS_LIMIT) - now(),
    );
  };

  return {
    /** How long this username and address must wait; 0 when they may try now. */
    retryAfterMs,

    /**
     * Starts an attempt: refused while locked, else counted at once (before
     * anything is awaited, so parallel attempts see each other).
     */
    attempt(attempt: SignInAttempt): ThrottleDecision {
      const wait = retryAfterMs(attempt);
      if (wait > 0) return { allowed: false, retryAfterMs: wait };
      const keys = keysOf(attempt);
      const before = current(keys.user)?.count ?? 0;
      const delayMs =
        before < USERNAME_SOFT_LIMIT
          ? 0
          : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (before - USERNAME_SOFT_LIMIT));
      for (const key of Object.values(keys)) count(key);
      let settled = false;
      return {
        allowed: true,
        delayMs,
        succeeded: () => {
          if (settled) return;
          settled = true;
          counters.delete(keys.pair);
          uncount(keys.address);
          uncount(keys.user);
        },
      };
    },
  };
}
