import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";

/**
 * "Once per cadence, not once per instance": before probing a target, an
 * instance takes its slot in `probe_leases` with one conditional update —
 * `next_due_at` moves forward only where it is already due — so of several
 * instances sharing one database exactly one wins each slot. Both SQLite
 * (writes are serialized) and PostgreSQL (the row lock re-checks the
 * condition) make that update atomic. Timestamps are ISO 8601 UTC strings of
 * one fixed format, so they compare as text.
 */
export type LeaseAttempt = { acquired: boolean; nextDueAt: string };

export async function acquireProbeLease(
  db: Kysely<Database>,
  request: { target: string; holder: string; now: Date; nextDueAt: Date },
): Promise<LeaseAttempt> {
  const now = request.now.toISOString();
  const nextDueAt = request.nextDueAt.toISOString();
  // A new target is due at once; an existing row is left as it is.
  await db
    .insertInto("probe_leases")
    .values({ target: request.target, holder: "", leased_at: now, next_due_at: now })
    .onConflict((conflict) => conflict.column("target").doNothing())
    .execute();
  const updated = await db
    .updateTable("probe_leases")
    .set({ holder: request.holder, leased_at: now, next_due_at: nextDueAt })
    .where("target", "=", request.target)
    .where("next_due_at", "<=", now)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return { acquired: true, nextDueAt };
  const row = await db
    .selectFrom("probe_leases")
    .select("next_due_at")
    .where("target", "=", request.target)
    .executeTakeFirst();
  return { acquired: false, nextDueAt: row?.next_due_at ?? nextDueAt };
}
