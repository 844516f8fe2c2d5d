import { describe, expect, it } from "vitest";
import { createSortedChunks } from "./sorted-chunks";

type Item = { id: string; name: number };
const byName = (a: Item, b: Item) => a.name - b.name;
const keyOf = (item: Item) => item.id;

/** A small deterministic generator, so a failure repeats. */
function numbers(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
}

describe("sorted chunks", () => {
  it("keeps thousands of puts, moves and removals in the order a full sort gives", () => {
    const next = numbers(7);
    const truth = new Map<string, Item>();
    for (let i = 0; i < 3000; i++) truth.set(`i${i}`, { id: `i${i}`, name: next() % 500 });
    const list = createSortedChunks([...truth.values()].sort(byName), keyOf, byName);

    for (let step = 0; step < 6000; step++) {
      const id = `i${next() % 4000}`;
      const roll = next() % 10;
      const item =
        roll < 2 ? undefined : { id, name: roll < 6 ? (truth.get(id)?.name ?? 0) : next() % 500 };
      list.put(id, item);
      if (item) truth.set(id, item);
      else truth.delete(id);
    }

    const shown = list.snapshot().flat();
    expect(shown.map((item) => item.name)).toEqual(
      [...truth.values()].map((i) => i.name).sort((a, b) => a - b),
    );
    expect(new Set(shown.map(keyOf))).toEqual(new Set(truth.keys()));
    expect(list.size).toBe(truth.size);
  });

  it("hands out snapshots that later puts leave as they were", () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ id: `i${i}`, name: i }));
    const list = createSortedChunks(items, keyOf, byName);
    const before = list.snapshot();
    const copy = before.map((chunk) => [...chunk]);

    list.put("i10", { id: "i10", name: 10 }); // in place
    list.put("i20", { id: "i20", name: 999.5 }); // moves to the end
    list.put("i30", undefined); // leaves
    for (let i = 0; i < 800; i++) list.put(`new${i}`, { id: `new${i}`, name: 500.5 }); // splits a chunk

    expect(before).toEqual(copy);
    const after = list.snapshot().flat();
    expect(after).toHaveLength(1000 - 1 + 800);
    expect(after.at(-1)).toEqual({ id: "i20", name: 999.5 });
    expect(after.find((item) => item.id === "i30")).toBeUndefined();
    expect(after.filter((item) => item.name === 500.5)).toHaveLength(800);
  });

  it("puts an item after its equals and starts from nothing", () => {
    const list = createSortedChunks<Item>([], keyOf, byName);
    list.put("a", { id: "a", name: 1 });
    list.put("b", { id: "b", name: 1 });
    list.put("c", { id: "c", name: 0 });
    expect(list.snapshot().flat().map(keyOf)).toEqual(["c", "a", "b"]);
    for (const id of ["a", "b", "c"]) list.put(id, undefined);
    expect(list.snapshot().flat()).toEqual([]);
    list.put("d", { id: "d", name: 3 });
    expect(list.snapshot().flat().map(keyOf)).toEqual(["d"]);
  });
});
