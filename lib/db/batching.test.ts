import { describe, expect, it } from "vitest";
import { createBatchWriter } from "./batching";

describe("group commit", () => {
  it("sends the writes that arrive while one commits together in the next, one batch at a time", async () => {
    const batches: number[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const write = createBatchWriter<number>(async (items) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
    });
    const first = write(0);
    // Arrive one by one while the first commit is under way.
    const later: Promise<void>[] = [];
    for (let n = 1; n <= 10; n++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      later.push(write(n));
    }
    await Promise.all([first, ...later]);
    expect(mostInFlight).toBe(1);
    expect(batches[0]).toEqual([0]);
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(batches.length).toBeLessThanOrEqual(3);
  });

  it("fails only the write that fails, when its batch is retried one by one", async () => {
    const write = createBatchWriter<number>(async (items) => {
      if (items.includes(13)) throw new Error("unlucky");
    });
    const outcomes = await Promise.allSettled([write(1), write(13), write(2)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
  });
});
