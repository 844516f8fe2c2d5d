"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LiveObservation, LiveQueryOptions, LiveSnapshot } from "./query";

/**
 * TanStack Query (./query.ts) comes in its own chunk, fetched after the page
 * is interactive: only ever `import()`ed, never imported, so that it stays out
 * of the first-load JavaScript.
 */
const loadQueries = () => import("./query");
type Queries = Awaited<ReturnType<typeof loadQueries>>;

/** Fetches the query module when the browser is idle, so a first use need not wait for it. */
export function usePreloadedQueries(): void {
  useEffect(() => {
    // A failure here shows where the module is used (useLiveQuery loads it again).
    const preload = () => void loadQueries().catch(() => {});
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(preload);
      return () => cancelIdleCallback(id);
    }
    // Where there is no requestIdleCallback (Safari): soon after hydration.
    const timer = setTimeout(preload, 1_000);
    return () => clearTimeout(timer);
  }, []);
}

export type LiveQueryResult<T> = {
  data: T | undefined;
  error: Error | null;
  isError: boolean;
  isFetching: boolean;
  dataUpdatedAt: number;
  /** Whether changes are pushed now (the query's `stream` is up); else it polls, if asked to. */
  pushed: boolean;
  refetch: () => void;
  /** Marks the query stale and refetches it (after a write). */
  invalidate: () => void;
};

type Shown<T> = Omit<LiveQueryResult<T>, "refetch" | "invalidate">;

function shown<T>(
  options: LiveQueryOptions<T>,
  snapshot: LiveSnapshot<T> | null,
  loadError: Error | null,
): Shown<T> {
  if (snapshot && JSON.stringify(snapshot.queryKey) === JSON.stringify(options.queryKey)) {
    const { data, error, isError, isFetching, dataUpdatedAt } = snapshot.result;
    return { data, error, isError, isFetching, dataUpdatedAt, pushed: snapshot.pushed };
  }
  // Before the module is loaded, and for the render between a new key and
  // the observer moving to it (which then fetches, unless it has fresh data).
  return {
    data: (options.keepPreviousData ? snapshot?.result.data : undefined) ?? options.initialData,
    // The module could not be fetched (the network, or a deploy that replaced
    // its chunk): the view says its data will not refresh.
    error: loadError,
    isError: loadError !== null,
    isFetching: snapshot !== null && options.enabled !== false,
    dataUpdatedAt: options.initialDataUpdatedAt ?? 0,
    pushed: false,
  };
}

/**
 * A query observed through TanStack Query. The first render shows
 * `initialData` (the server's render); once the module is loaded, and the
 * query enabled, an observer takes over until unmount. Options may change on
 * any render: what was asked for before the module arrived is what it runs.
 */
export function useLiveQuery<T>(
  options: LiveQueryOptions<T> & { initialData: T },
): LiveQueryResult<T> & { data: T };
export function useLiveQuery<T>(options: LiveQueryOptions<T>): LiveQueryResult<T>;
export function useLiveQuery<T>(options: LiveQueryOptions<T>): LiveQueryResult<T> {
  const latest = useRef(options);
  const observation = useRef<LiveObservation<T> | null>(null);
  const [snapshot, setSnapshot] = useState<LiveSnapshot<T> | null>(null);
  const [queries, setQueries] = useState<Queries | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const enabled = options.enabled !== false;

  useEffect(() => {
    latest.current = options;
    observation.current?.update(options);
  });

  useEffect(() => {
    if (!enabled || queries) return;
    let wanted = true;
    loadQueries().then(
      (loaded) => {
        if (wanted) setQueries(loaded);
      },
      (error: unknown) => {
        if (wanted) setLoadError(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      wanted = false;
    };
  }, [enabled, queries]);

  useEffect(() => {
    if (!queries) return;
    const current = queries.observe(latest.current, setSnapshot);
    observation.current = current;
    return () => {
      current.stop();
      observation.current = null;
    };
  }, [queries]);

  const refetch = useCallback(() => observation.current?.refetch(), []);
  const invalidate = useCallback(() => observation.current?.invalidate(), []);
  return { ...shown(options, snapshot, loadError), refetch, invalidate };
}
