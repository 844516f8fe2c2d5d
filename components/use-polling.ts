"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Live data for a server-rendered view: the server's `initial` first, then a
 * refresh every `intervalMs` while the tab is visible (none while it is hidden;
 * one at once when it comes back after more than 10 s), one retry a second
 * after a failure, and the last data kept when a refresh fails. A newer
 * `initial` (the server render after a write) wins over older polled data.
 * `stopOn(error)` ends the polling for good (a revoked screen link).
 *
 * Hand-rolled rather than TanStack Query: that library alone was ~17 KB gzip
 * of every page's first-load JavaScript, for a poll and a fetch.
 */
const STALE_ON_SHOW_MS = 10_000;
const RETRY_DELAY_MS = 1_000;

type State<T> = {
  key: string;
  data: T;
  updatedAt: number;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
};

export type Polled<T> = Omit<State<T>, "key" | "updatedAt"> & {
  dataUpdatedAt: number;
  /** Refresh now (after a write). */
  refresh: () => void;
};

function fresh<T extends { now: string }>(key: string, initial: T): State<T> {
  return {
    key,
    data: initial,
    updatedAt: Date.parse(initial.now),
    error: undefined,
    isError: false,
    isFetching: false,
  };
}

export function usePolling<T extends { now: string }>({
  key,
  initial,
  fetcher,
  intervalMs,
  stopOn = () => false,
}: {
  /** What is polled; a new key starts over from its `initial`. */
  key: string;
  initial: T;
  fetcher: (signal: AbortSignal) => Promise<T>;
  intervalMs: number;
  stopOn?: (error: unknown) => boolean;
}): Polled<T> {
  const [state, setState] = useState<State<T>>(() => fresh(key, initial));
  const [nonce, setNonce] = useState(0);
  const latest = useRef({ fetcher, stopOn, initial });
  useEffect(() => {
    latest.current = { fetcher, stopOn, initial };
  });

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let stopped = false;
    let lastRun = Date.now();
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void tick(), ms);
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    async function tick() {
      if (document.visibilityState === "hidden") return; // picked up again on show
      running = true;
      const { initial } = latest.current;
      setState((s) => ({ ...(s.key === key ? s : fresh(key, initial)), isFetching: true }));
      for (let attempt = 0; ; attempt++) {
        try {
          const data = await latest.current.fetcher(signal);
          if (signal.aborted) return;
          setState({ ...fresh(key, data), updatedAt: Date.now() });
          break;
        } catch (error) {
          if (signal.aborted) return;
          stopped = latest.current.stopOn(error);
          if (attempt < 1 && !stopped) {
            await sleep(RETRY_DELAY_MS);
            if (signal.aborted) return;
            continue;
          }
          setState((s) => ({ ...s, error, isError: true, isFetching: false }));
          break;
        }
      }
      running = false;
      lastRun = Date.now();
      if (!stopped) schedule(intervalMs);
    }

    function onVisibility() {
      if (document.visibilityState !== "visible" || running || stopped) return;
      const age = Date.now() - lastRun;
      schedule(age > STALE_ON_SHOW_MS ? 0 : intervalMs - age);
    }
    schedule(nonce > 0 ? 0 : intervalMs);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [key, intervalMs, nonce]);

  // A newer `initial` is taken here, without restarting the poll.
  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  const current = state.key === key ? state : fresh(key, initial);
  const shown = initial.now > current.data.now ? fresh(key, initial) : current;
  return {
    data: shown.data,
    error: shown.error,
    isError: shown.isError,
    isFetching: current.isFetching,
    dataUpdatedAt: shown.updatedAt,
    refresh,
  };
}
