/**
 * Calls that arrive in the same turn of the event loop go to the database
 * together, since a round trip (and a commit) costs more than the rows it
 * carries. Each caller still hears of its own call only: when a batch fails,
 * each call in it is tried alone, so one bad call fails itself and not its
 * neighbours.
 */

type Pending<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * Batched reads: the lookups of one moment become one query. `load` answers
 * a list of keys with a list of results in the same order.
 */
export function createBatchLoader<K, V>(
  load: (keys: K[]) => Promise<V[]>,
  {
    maxBatch = 500,
    oneAtATime = false,
  }: {
    maxBatch?: number;
    /**
     * At most one batch in flight; calls that arrive meanwhile wait and go
     * together in the next one. For writes that queue on one lock until
     * they commit (a hub's feed head): one commit for many rows instead of a
     * commit, and a wait on the lock, per row.
     */
    oneAtATime?: boolean;
  } = {},
): (key: K) => Promise<V> {
  let queue: Pending<K, V>[] = [];
  let scheduled = false;
  let inFlight = false;

  function schedule() {
    if (scheduled || (oneAtATime && inFlight)) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      inFlight = true;
      void flush(batch).finally(() => {
        inFlight = false;
        if (queue.length > 0) schedule();
      });
      if (queue.length > 0) schedule();
    });
  }

  async function flush(batch: Pending<K, V>[]) {
    try {
      const results = await load(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const entry of batch) {
        try {
          entry.resolve((await load([entry.item]))[0]!);
        } catch (single) {
          entry.reject(single);
        }
      }
    }
  }

  return (key) =>
    new Promise<V>((resolve, reject) => {
      queue.push({ item: key, resolve, reject });
      schedule();
    });
}

/**
 * Group commit: the writes of one moment share a transaction, and while one
 * commits, those that arrive wait to share the next.
 */
export function createBatchWriter<T>(
  write: (items: T[]) => Promise<void>,
  options?: { maxBatch?: number },
): (item: T) => Promise<void> {
  return createBatchLoader<T, void>(
    async (items) => {
      await write(items);
      return items.map(() => undefined);
    },
    { ...options, oneAtATime: true },
  );
}
