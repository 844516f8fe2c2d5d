import { afterAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/database";
import { acquireProbeLease } from "@/lib/probes/leases";

/**
 * Two instances on one database, as two connections: run by
 * `leases.test.ts` on one SQLite file and by `leases.contract.test.ts` on
 * PostgreSQL.
 */
export function leaseContract(open: () => Promise<[Db, Db]>) {
  let first: Db;
  let second: Db;
  const target = `w-${Math.random().toString(36).slice(2)}:ops-endpoint-verified`;
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

  afterAll(async () => {
    await Promise.all([first?.destroy(), second?.destroy()]);
  });

  it("gives each slot to exactly one instance, then waits for the cadence", async () => {
    [first, second] = await open();
    const attempt = (db: Db, holder: string, now: Date) =>
      acquireProbeLease(db, { target, holder, now, nextDueAt: new Date(now.getTime() + 30_000) });

    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt(i % 2 ? first : second, `i${i}`, at(0))),
    );
    expect(racing.filter((r) => r.acquired)).toHaveLength(1);
    expect(racing.every((r) => r.nextDueAt === at(30).toISOString())).toBe(true);

    expect((await attempt(first, "a", at(10))).acquired).toBe(false);
    expect((await attempt(second, "b", at(29))).acquired).toBe(false);
    const next = await Promise.all([attempt(first, "a", at(31)), attempt(second, "b", at(31))]);
    expect(next.filter((r) => r.acquired)).toHaveLength(1);
  });
}
