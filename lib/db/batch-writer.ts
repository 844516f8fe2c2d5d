/**
 * Group commit: the writes that arrive in the same turn of the event loop go
 * to the database together, in one transaction, since a commit costs more
 * than the rows it carries. Each caller still hears of its own write only.
 * When a batch fails, every write in it is tried alone, so one bad row fails
 * its own request and not its neighbours'.
 */
export function createBatchWriter<T>(
  write: (items: T[]) => Promise<void>,
  { maxBatch = 500 }: { maxBatch?: number } = {},
): (item: T) => Promise<void> {
  type Entry = { item: T; resolve: () => void; reject: (error: unknown) => void };
  let queue: Entry[] = [];
  let scheduled = false;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      if (queue.length > 0) schedule();
      void flush(batch);
    });
  }

  async function flush(batch: Entry[]) {
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

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
