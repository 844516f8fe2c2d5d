/**
 * Keys due at an instant, earliest first: when each catalog row would next
 * read differently on the clock alone. Scheduling a key again replaces its
 * instant; a replaced entry stays in the heap until it surfaces and is
 * skipped, and the heap is rebuilt when such entries outnumber the live ones.
 */
export type TimeQueue = {
  /** Due at `at` (epoch ms); Infinity or undefined: never. */
  schedule: (key: string, at: number | undefined) => void;
  /** Takes out and returns the keys due at or before `now`. */
  due: (now: number) => string[];
};

type Entry = { at: number; key: string };

export function createTimeQueue(): TimeQueue {
  const heap: Entry[] = [];
  const live = new Map<string, number>();

  function push(entry: Entry) {
    heap.push(entry);
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (heap[parent]!.at <= entry.at) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = entry;
  }

  function pop(): Entry {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && heap[right]!.at < heap[left]!.at ? right : left;
        if (heap[child]!.at >= last.at) break;
        heap[at] = heap[child]!;
        at = child;
      }
      heap[at] = last;
    }
    return top;
  }

  return {
    schedule(key, at) {
      if (at === undefined || !Number.isFinite(at)) {
        live.delete(key);
        return;
      }
      if (live.get(key) === at) return;
      live.set(key, at);
      push({ at, key });
      if (heap.length > 2 * live.size + 1024) {
        heap.length = 0;
        for (const [key, at] of live) push({ at, key });
      }
    },
    due(now) {
      const keys: string[] = [];
      while (heap.length > 0 && heap[0]!.at <= now) {
        const { at, key } = pop();
        if (live.get(key) !== at) continue;
        live.delete(key);
        keys.push(key);
      }
      return keys;
    },
  };
}
