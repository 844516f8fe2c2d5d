import { randomBytes, randomUUID } from "node:crypto";
import type { apiConsumerCreateRequest, apiKeyCreateRequest, ListQuery } from "@/lib/interhub/wire";
import { hashSecret, randomToken } from "@/lib/security/secret-hash";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import {
  pageOf,
  requireScope,
  unique,
  type HubContext,
  type Principal,
  type RequestBody,
} from "./context";

/** API consumers and their static keys. */
export function createKeys({ db, now, requireHub }: HubContext) {
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
    return insertApiKey(consumerId, unique(body.scopes));
  }

  async function insertApiKey(consumerId: string, scopes: string[]) {
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
    return insertApiKey(consumer.id, ["framework:admin"]);
  }

  return {
    listApiConsumers,
    createApiConsumer,
    listApiKeys,
    createApiKey,
    createBootstrapOperatorKey,
  };
}
