import {
  keepPreviousData,
  QueryClient,
  QueryObserver,
  type QueryKey,
  type QueryObserverOptions,
  type QueryObserverResult,
} from "@tanstack/react-query";
import { listenForChanges } from "./change-stream";

/**
 * TanStack Query for the client's live data (the polled board and timeline,
 * the palette's search), reached only through `import()` from
 * use-live-query.ts: the library stays out of every page's first-load
 * JavaScript and arrives after the page is interactive, which costs nothing
 * here because the first poll is 15 s away and a search waits for the user.
 * So no QueryClientProvider either (it would have to be imported statically):
 * one client per tab lives in this module.
 */
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: true } },
});
// What QueryClientProvider does on mount: listen for focus and reconnection,
// which refetchOnWindowFocus and refetching after going back online rely on.
queryClient.mount();

/** How often a query polls while its stream pushes changes. */
const PUSHED_POLL_MS = 60_000;

type ObserverOptions<T> = QueryObserverOptions<T, Error, T, T, QueryKey>;

export type LiveQueryOptions<T> = Pick<
  ObserverOptions<T>,
  "queryKey" | "queryFn" | "refetchInterval" | "retry" | "staleTime" | "refetchOnWindowFocus"
> & {
  enabled?: boolean;
  /** The server's render of this data: shown at once, and the query's first data. */
  initialData?: T;
  /** When the server read `initialData` (ms since the epoch). */
  initialDataUpdatedAt?: number;
  /**
   * Whether `initialData` replaces the cached data: a server render after a
   * write is newer than the last poll. Without it the cache wins, as in TanStack.
   */
  supersedes?: (initial: T, cached: T) => boolean;
  /** While the key changes, the last key's data stays shown (TanStack's keepPreviousData). */
  keepPreviousData?: boolean;
  /**
   * A server-sent event stream announcing changes (lib/live/change-stream.ts):
   * each one refetches the query, and while the stream pushes,
   * `refetchInterval` slows to PUSHED_POLL_MS — polling is the fallback.
   */
  stream?: string;
};

/** An observer's result with the key it was computed for. */
export type LiveSnapshot<T> = {
  queryKey: QueryKey;
  result: QueryObserverResult<T, Error>;
  /** Whether changes are pushed to this query now (its `stream` is up). */
  pushed: boolean;
};

export type LiveObservation<T> = {
  /** Options from a later render; another key moves the observer to that query. */
  update: (options: LiveQueryOptions<T>) => void;
  refetch: () => void;
  /** Marks the query stale and refetches it (after a write). */
  invalidate: () => void;
  stop: () => void;
};

/**
 * The options TanStack knows, taken by rest rather than by name: a name set to
 * undefined would override the client's defaults (retry: 1 would become 3).
 */
function observerOptions<T>(live: LiveQueryOptions<T>): ObserverOptions<T> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ours, not an observer option
  const { supersedes, keepPreviousData: keep, stream, ...options } = live;
  return keep ? { ...options, placeholderData: keepPreviousData } : options;
}

function takeNewerInitial<T>({ queryKey, initialData, supersedes }: LiveQueryOptions<T>) {
  if (initialData === undefined || !supersedes) return;
  const cached = queryClient.getQueryData<T>(queryKey);
  if (cached === undefined || supersedes(initialData, cached))
    queryClient.setQueryData(queryKey, initialData);
}

/** Observes one query until `stop()`, handing every new result to `onChange`. */
export function observe<T>(
  options: LiveQueryOptions<T>,
  onChange: (snapshot: LiveSnapshot<T>) => void,
): LiveObservation<T> {
  let latest = options;
  let pushed = false;
  // While changes are pushed, a slow poll still catches what no write
  // announces: evidence ageing past its window, an acceptance expiring.
  const current = () =>
    observerOptions(
      pushed && latest.refetchInterval ? { ...latest, refetchInterval: PUSHED_POLL_MS } : latest,
    );
  const observer = new QueryObserver<T, Error, T, T, QueryKey>(queryClient, current());
  const invalidate = () =>
    void queryClient.invalidateQueries({ queryKey: observer.options.queryKey });
  const snapshot = (result: QueryObserverResult<T, Error>) =>
    onChange({ queryKey: observer.options.queryKey, result, pushed });
  const stop = observer.subscribe(snapshot);
  // After the observer, so a query it has just created from `initialData` is not replaced.
  takeNewerInitial(options);
  snapshot(observer.getCurrentResult());
  const stopListening = options.stream
    ? listenForChanges(options.stream, {
        change: invalidate,
        push: (live) => {
          pushed = live;
          observer.setOptions(current());
          snapshot(observer.getCurrentResult());
        },
      })
    : () => {};
  return {
    update(next) {
      latest = next;
      observer.setOptions(current());
      takeNewerInitial(next);
    },
    refetch: () => void observer.refetch(),
    invalidate,
    stop: () => {
      stopListening();
      stop();
    },
  };
}
