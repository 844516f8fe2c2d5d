/**
 * Sign-in throttling: after a few failures for one username (or from one
 * address), further attempts are refused for a while, growing with each
 * failure. In memory, per process: enough for one instance; the counters
 * reset on restart.
 */
const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 15 * 60_000;

type Entry = { failures: number; first: number; lockedUntil: number };

export function createThrottle(now: () => number = Date.now) {
  const entries = new Map<string, Entry>();

  const current = (key: string) => {
    const entry = entries.get(key);
    if (entry && now() - entry.first > WINDOW_MS && entry.lockedUntil < now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    /** Milliseconds until any of these keys may try again; 0 when free. */
    retryAfterMs(keys: string[]): number {
      return Math.max(0, ...keys.map((key) => (current(key)?.lockedUntil ?? 0) - now()));
    },
    fail(keys: string[]): void {
      for (const key of keys) {
        const entry = current(key) ?? { failures: 0, first: now(), lockedUntil: 0 };
        entry.failures += 1;
        if (entry.failures >= FREE_FAILURES) {
          // 30 s after the fifth failure, doubling with each further one.
          entry.lockedUntil =
            now() + Math.min(MAX_LOCK_MS, 30_000 * 2 ** (entry.failures - FREE_FAILURES));
        }
        entries.set(key, entry);
      }
    },
    succeed(keys: string[]): void {
      for (const key of keys) entries.delete(key);
    },
  };
}
