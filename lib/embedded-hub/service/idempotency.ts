import { HubFault } from "../faults";
import type { HubContext } from "./context";

/** `Idempotency-Key`: a repeated POST hears the first answer instead of writing twice. */
export function createIdempotency({ db, now }: HubContext) {
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
    if (existing) {
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

  return { beginIdempotent, finishIdempotent };
}
