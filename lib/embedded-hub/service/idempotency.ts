import { HubFault } from "../faults";
import type { HubContext } from "./context";

/** How long a key is remembered: a retry comes within minutes, a day is ample. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

/**
 * `Idempotency-Key`: a repeated POST hears the first answer instead of
 * writing twice. A key belongs to the consumer that sent it (another
 * consumer's same key is another record) and to the request it came with
 * (the same key with another body or path: 422 idempotency_key_reused).
 */
export function createIdempotency({ db, now }: HubContext) {
  const cutoff = () => new Date(Date.parse(now()) - IDEMPOTENCY_RETENTION_MS).toISOString();

  /**
   * Reserves an idempotency key before the write runs, so a retry that
   * arrives while the first attempt is still running cannot write twice.
   */
  async function beginIdempotent(consumerId: string, key: string, requestHash: string) {
    const existing = await db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("consumer_id", "=", consumerId)
      .where("key", "=", key)
      .executeTakeFirst();
    if (existing && existing.created_at < cutoff()) {
      // Expired: forgotten, and the key starts afresh.
      await db
        .deleteFrom("idempotency_keys")
        .where("consumer_id", "=", consumerId)
        .where("key", "=", key)
        .where("created_at", "=", existing.created_at)
        .execute();
    } else if (existing) {
      if (existing.request_hash !== requestHash) {
        throw HubFault.unprocessable(
          "idempotency_key_reused",
          "this Idempotency-Key was used with a different request",
        );
      }
      if (existing.status === 0)
        throw HubFault.conflict(
          "idempotency_in_progress",
          "the first request with this key is still running",
        );
      return { replay: { status: existing.status, body: existing.response } };
    }
    try {
      await db
        .insertInto("idempotency_keys")
        .values({
          consumer_id: consumerId,
          key,
          request_hash: requestHash,
          status: 0,
          response: null,
          created_at: now(),
        })
        .execute();
    } catch {
      throw HubFault.conflict(
        "idempotency_in_progress",
        "the first request with this key is still running",
      );
    }
    return { replay: null };
  }

  async function finishIdempotent(
    consumerId: string,
    key: string,
    status: number,
    body: string | null,
  ) {
    // A fault is not remembered: the client may retry it.
    if (status >= 500) {
      await db
        .deleteFrom("idempotency_keys")
        .where("consumer_id", "=", consumerId)
        .where("key", "=", key)
        .execute();
      return;
    }
    await db
      .updateTable("idempotency_keys")
      .set({ status, response: body })
      .where("consumer_id", "=", consumerId)
      .where("key", "=", key)
      .execute();
  }

  /** Forgets keys past their retention (run hourly by the instance). */
  async function pruneIdempotencyKeys() {
    await db.deleteFrom("idempotency_keys").where("created_at", "<", cutoff()).execute();
  }

  return { beginIdempotent, finishIdempotent, pruneIdempotencyKeys };
}
