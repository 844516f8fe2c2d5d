/**
 * Calls that arrive in the same turn of the event loop go to the database
 * together, since a round trip (and a commit) costs more than the rows it
 * carries. Each caller still hears of its own call only.
 */
function collectPerTurn<T>(handle: (batch: T[]) => void, maxBatch: number): (item: T) => void {
  let queue: T[] = [];
  let scheduled = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      if (queue.length > 0) schedule();
      handle(batch);
    });
  }

  return (item) => {
    queue.push(item);
    schedule();
  };
}

type Pending<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * Group commit: the writes of one moment share a transaction. When a batch
 * fails, every write in it is tried alone, so one bad row fails its own
 * request and not its neighbours'.
 */
export function createBatchWriter<T>(
  write: (items: T[]) => Promise<void>,
  { maxBatch = 500 }: { maxBatch?: number } = {},
): (item: T) => Promise<void> {
  async function flush(batch: Pending<T, void>[]) {
    try {
      await write(batch.map((entry) => entry.item));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const entry of batch) {
        try {
          await write([entry.item]);
          entry.resolve();
        } catch (single) {
          entry.reject(single);
        }
      }
    }
  }
  const enqueue = collectPerTurn<Pending<T, void>>((batch) => void flush(batch), maxBatch);
  return (item) => new Promise<void>((resolve, reject) => enqueue({ item, resolve, reject }));
}

/**
 * Batched reads: the lookups of one moment become one query. `load` answers
 * a list of keys with a list of results in the same order.
 */
export function createBatchLoader<K, V>(
  load: (keys: K[]) => Promise<V[]>,
  { maxBatch = 500 }: { maxBatch?: number } = {},
): (key: K) => Promise<V> {
  const enqueue = collectPerTurn<Pending<K, V>>((batch) => {
    load(batch.map((entry) => entry.item)).then(
      (results) => batch.forEach((entry, i) => entry.resolve(results[i]!)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }, maxBatch);
  return (key) => new Promise<V>((resolve, reject) => enqueue({ item: key, resolve, reject }));
}
