/**
 * A sorted list that changes one item at a time and hands out snapshots that
 * never change: the catalog's rows in order, as each model sees them.
 *
 * The items sit in chunks of a few hundred. A change copies only the chunk it
 * lands in (once per snapshot) and the list of chunks, so putting one item
 * costs the same at 1,000 items and at 100,000; a snapshot shares every
 * chunk no change has touched since.
 */
export type SortedChunks<T> = {
  /** Puts the item under `key` where it sorts (after its equals), replacing what was there; undefined takes it out. */
  put: (key: string, item: T | undefined) => void;
  /** The items in order, as chunks that stay as they are whatever is put later. */
  snapshot: () => readonly (readonly T[])[];
  readonly size: number;
};

type Chunk<T> = { items: T[]; shared: boolean };

/** Chunks split above twice this; a few hundred keeps both the copy and the list of chunks short. */
const CHUNK = 256;

export function createSortedChunks<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  compare: (a: T, b: T) => number,
): SortedChunks<T> {
  const chunks: Chunk<T>[] = [];
  const chunkOf = new Map<string, Chunk<T>>();
  const current = new Map<string, T>();
  for (let at = 0; at < sorted.length; at += CHUNK) {
    const chunk = { items: sorted.slice(at, at + CHUNK), shared: false };
    chunks.push(chunk);
    for (const item of chunk.items) {
      chunkOf.set(keyOf(item), chunk);
      current.set(keyOf(item), item);
    }
  }

  /** The chunk's items, its own to change: a snapshot keeps the ones it was handed. */
  function writable(chunk: Chunk<T>): T[] {
    if (chunk.shared) [chunk.items, chunk.shared] = [chunk.items.slice(), false];
    return chunk.items;
  }

  function remove(key: string, item: T) {
    const chunk = chunkOf.get(key)!;
    const items = writable(chunk);
    items.splice(items.indexOf(item), 1);
    chunkOf.delete(key);
    current.delete(key);
    if (items.length === 0) chunks.splice(chunks.indexOf(chunk), 1);
  }

  function insert(key: string, item: T) {
    // The first chunk whose last item sorts after this one, else the last chunk.
    let [low, high] = [0, chunks.length - 1];
    while (low < high) {
      const middle = (low + high) >>> 1;
      const items = chunks[middle]!.items;
      if (compare(items[items.length - 1]!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    let chunk = chunks[low];
    if (!chunk) chunks.push((chunk = { items: [], shared: false }));
    const items = writable(chunk);
    items.splice(afterEquals(items, item, compare), 0, item);
    chunkOf.set(key, chunk);
    current.set(key, item);
    if (items.length > 2 * CHUNK) {
      const second = { items: items.splice(CHUNK), shared: false };
      chunks.splice(low + 1, 0, second);
      for (const moved of second.items) chunkOf.set(keyOf(moved), second);
    }
  }

  return {
    put(key, item) {
      const old = current.get(key);
      if (old !== undefined && item !== undefined && compare(old, item) === 0) {
        // Same place: replaced where it stands.
        const chunk = chunkOf.get(key)!;
        const items = writable(chunk);
        items[items.indexOf(old)] = item;
        current.set(key, item);
        return;
      }
      if (old !== undefined) remove(key, old);
      if (item !== undefined) insert(key, item);
    },
    snapshot() {
      for (const chunk of chunks) chunk.shared = true;
      return chunks.map((chunk) => chunk.items);
    },
    get size() {
      return current.size;
    },
  };
}

/** Where `item` goes in sorted `items`: after its equals. */
function afterEquals<T>(items: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let [low, high] = [0, items.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(items[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
