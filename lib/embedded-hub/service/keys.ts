import { randomBytes, randomUUID } from "node:crypto";
import type { apiConsumerCreateRequest, apiKeyCreateRequest, ListQuery } from "@/lib/interhub/wire";
import { hashSecret, randomToken } from "@/lib/security/secret-hash";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import {
  iso,
  pageOf,
  requireScope,
  unique,
  type HubContext,
  type Principal,
  type RequestBody,
} from "./context";

/** API consumers and their static keys. */
export function createKeys(
  { db, now, requireHub }: HubContext,
  access: { forgetKey: (keyId: string) => void },
) {
  async function listApiConsumers(principal: Principal | null, query: ListQuery) {
    requireScope(principal, "framework:admin");
    const base = db.selectFrom("api_consumers");
    return pageOf(base, query, { column: "name", direction: "asc" }, toWire.apiConsumer);
  }

  async function createApiConsumer(
    principal: Principal | null,
    body: RequestBody<typeof apiConsumerCreateRequest>,
  ) {
    requireScope(principal, "framework:admin");
    const hub = body.hubId ? await requireHub(body.hubId) : null;
    const row = { id: randomUUID(), name: body.name, hub_id: hub?.id ?? null, created_at: now() };
    await db.insertInto("api_consumers").values(row).execute();
    return toWire.apiConsumer(row);
  }

  async function requireConsumer(id: string) {
    const consumer = await db
      .selectFrom("api_consumers")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!consumer) throw HubFault.notFound(`API consumer ${id}`);
    return consumer;
  }

  async function listApiKeys(principal: Principal | null, consumerId: string, query: ListQuery) {
    requireScope(principal, "framework:admin");
    await requireConsumer(consumerId);
    const base = db.selectFrom("api_keys").where("consumer_id", "=", consumerId);
    return pageOf(base, query, { column: "created_at", direction: "asc" }, toWire.apiKey);
  }

  /** The full key is answered once; only its prefix and a slow hash are stored. */
  async function createApiKey(
    principal: Principal | null,
    consumerId: string,
    body: RequestBody<typeof apiKeyCreateRequest>,
  ) {
    requireScope(principal, "framework:admin");
    await requireConsumer(consumerId);
    const expiresAt = body.expiresAt === undefined ? null : iso(body.expiresAt);
    if (expiresAt !== null && expiresAt <= now())
      throw HubFault.badRequest("expiresAt: must be in the future");
    return insertApiKey(consumerId, unique(body.scopes), expiresAt);
  }

  /**
   * Revokes a key (again: no change): it, and every token exchanged for it,
   * is refused from now on, by every instance within a second (access.ts
   * reads a key's state at most a second old).
   */
  async function revokeApiKey(principal: Principal | null, consumerId: string, keyId: string) {
    requireScope(principal, "framework:admin");
    await requireConsumer(consumerId);
    const key = await db
      .selectFrom("api_keys")
      .select("id")
      .where("id", "=", keyId)
      .where("consumer_id", "=", consumerId)
      .executeTakeFirst();
    if (!key) throw HubFault.notFound(`API key ${keyId} of consumer ${consumerId}`);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("api_keys")
        .set({ revoked_at: now() })
        .where("id", "=", keyId)
        .where("revoked_at", "is", null)
        .execute();
      await trx.deleteFrom("access_tokens").where("key_id", "=", keyId).execute();
    });
    access.forgetKey(keyId);
  }

  async function insertApiKey(consumerId: string, scopes: string[], expiresAt: string | null) {
    for (;;) {
      const prefix = randomBytes(4).toString("hex");
      const key = `ihk_${prefix}_${randomToken()}`;
      const clash = await db
        .selectFrom("api_keys")
        .select("id")
        .where("prefix", "=", prefix)
        .executeTakeFirst();
      if (clash) continue;
      const row = {
        id: randomUUID(),
        consumer_id: consumerId,
        prefix,
        hash: await hashSecret(key),
        scopes: JSON.stringify(scopes),
        created_at: now(),
        revoked_at: null,
        expires_at: expiresAt,
        last_used_at: null,
      };
      await db.insertInto("api_keys").values(row).execute();
      return { ...toWire.apiKey(row), key };
    }
  }

  /**
   * The first key of a new embedded hub: nobody can call the API without one,
   * so it is made here, outside the API, as Inter-Hub's own bootstrap does.
   */
  async function createBootstrapOperatorKey(name: string) {
    const consumer = { id: randomUUID(), name, hub_id: null, created_at: now() };
    await db.insertInto("api_consumers").values(consumer).execute();
    return insertApiKey(consumer.id, ["framework:admin"], null);
  }

  return {
    listApiConsumers,
    createApiConsumer,
    listApiKeys,
    createApiKey,
    revokeApiKey,
    createBootstrapOperatorKey,
  };
}
