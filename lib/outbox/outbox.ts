import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import type { InterHubClient } from "@/lib/interhub/client";
import { InterHubError } from "@/lib/interhub/errors";
import { findWidgetId, sendHubWrite, type HubWrite } from "@/lib/interhub/hub-write";

/**
 * Nothing an operator writes is lost to an Inter-Hub outage. Every write is
 * stored here first, with an Idempotency-Key, then delivered: at once when
 * Inter-Hub answers, else by a worker with backoff until it does. Inter-Hub
 * replays a key it has seen, so a retry after a lost answer never writes
 * twice; a lease per row keeps several ops-hub instances on one database from
 * delivering the same row at the same time. A refusal (4xx) is final: it is
 * shown, not retried.
 */
export type Author = { id: string; name: string };
export type OutboxRow = Database["outbox"];
export type Delivery =
  | { status: "delivered"; id: string; result: unknown }
  | { status: "queued"; id: string; reason: string }
  | { status: "rejected"; id: string; reason: string };

const LEASE_MS = 30_000;
/** As long as Inter-Hub remembers an Idempotency-Key. */
const SUBMISSION_RETENTION_MS = 24 * 3_600_000;
const MAX_BACKOFF_MS = 60_000;

export function createOutbox(options: {
  db: Db;
  /** The client that writes to a hub. */
  client: (hub: string) => Promise<InterHubClient>;
  onDelivered?: () => void;
  now?: () => Date;
  instanceId?: string;
}) {
  const { db } = options;
  const now = () => options.now?.() ?? new Date();
  const owner = options.instanceId ?? randomUUID();

  function backoffMs(attempts: number): number {
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (1 + Math.random() * 0.25));
  }

  /** Claims a row for this instance, or says someone else holds it. */
  async function claim(id: string): Promise<boolean> {
    const at = now().toISOString();
    const result = await db
      .updateTable("outbox")
      .set({ lease_owner: owner, lease_until: new Date(now().getTime() + LEASE_MS).toISOString() })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function widgetIdFor(client: InterHubClient, hub: string, slug: string): Promise<string> {
    const id = await findWidgetId(client, hub, slug);
    if (id) return id;
    const waiting = await db
      .selectFrom("outbox")
      .select("id")
      .where("kind", "=", "widget")
      .where("hub", "=", hub)
      .where("widget_slug", "=", slug)
      .where("status", "=", "pending")
      .executeTakeFirst();
    // Its widget is itself still waiting to sync: try again later.
    if (waiting)
      throw new InterHubError("upstream_unavailable", `waiting for ${slug} to sync first`);
    throw new InterHubError("not_found", `Not found: ${slug}`);
  }

  async function send(row: OutboxRow): Promise<unknown> {
    const client = await options.client(row.hub);
    const write = { hub: row.hub, kind: row.kind, payload: JSON.parse(row.payload) } as HubWrite;
    return sendHubWrite(client, write, row.idempotency_key, (slug) =>
      widgetIdFor(client, row.hub, slug),
    );
  }

  /** Whether a failure may pass by itself (retry) or is Inter-Hub's final answer. */
  function retryable(error: unknown): boolean {
    if (!(error instanceof InterHubError)) return true;
    if (error.transient) return true;
    // The first attempt with this key is still running upstream: ask again later.
    if (error.code === "conflict" && error.details.wireError === "idempotency_in_progress")
      return true;
    // A key or scope problem is the operator's to fix, not the writer's: keep the write.
    return (
      error.code === "invalid_api_key" ||
      error.code === "insufficient_scope" ||
      error.code === "invalid_response"
    );
  }

  async function attempt(row: OutboxRow): Promise<Delivery> {
    try {
      const result = await send(row);
      await db
        .updateTable("outbox")
        .set({
          status: "delivered",
          delivered_at: now().toISOString(),
          result: JSON.stringify(result),
          lease_owner: null,
          lease_until: null,
          last_error: null,
          attempts: row.attempts + 1,
        })
        .where("id", "=", row.id)
        .execute();
      options.onDelivered?.();
      return { status: "delivered", id: row.id, result };
    } catch (error) {
      const reason =
        error instanceof InterHubError ? error.message : "Inter-Hub could not be reached";
      if (retryable(error)) {
        await db
          .updateTable("outbox")
          .set({
            attempts: row.attempts + 1,
            next_attempt_at: new Date(now().getTime() + backoffMs(row.attempts + 1)).toISOString(),
            last_error: reason,
            lease_owner: null,
            lease_until: null,
          })
          .where("id", "=", row.id)
          .execute();
        return { status: "queued", id: row.id, reason };
      }
      await db
        .updateTable("outbox")
        .set({
          status: "rejected",
          attempts: row.attempts + 1,
          last_error: reason,
          lease_owner: null,
          lease_until: null,
        })
        .where("id", "=", row.id)
        .execute();
      return { status: "rejected", id: row.id, reason };
    }
  }

  return {
    /**
     * Stores a write, then tries to deliver it at once. A write Inter-Hub
     * refuses right away is dropped, so the user fixes and resends it.
     */
    async submit(
      write: HubWrite,
      meta: { summary: string; author: Author; idempotencyKey?: string },
    ): Promise<Delivery> {
      if (meta.idempotencyKey) {
        const seen = await db
          .selectFrom("outbox")
          .selectAll()
          .where("idempotency_key", "=", meta.idempotencyKey)
          .executeTakeFirst();
        const expired =
          seen?.status === "delivered" &&
          Date.parse(seen.created_at) < now().getTime() - SUBMISSION_RETENTION_MS;
        if (seen && expired) await db.deleteFrom("outbox").where("id", "=", seen.id).execute();
        else if (seen) {
          // The same id from another user, or with other content, is not a
          // repeat: the first write stands, and this one is refused.
          const sameWrite =
            (JSON.parse(seen.created_by) as Author).id === meta.author.id &&
            seen.hub === write.hub &&
            seen.kind === write.kind &&
            seen.payload === JSON.stringify(write.payload);
          if (!sameWrite)
            return {
              status: "rejected",
              id: seen.id,
              reason:
                "This form was already sent with other content: reload the page and send it again.",
            };
          // The same form sent twice (a double click, a replayed request): answer the first.
          return seen.status === "delivered"
            ? { status: "delivered", id: seen.id, result: JSON.parse(seen.result ?? "null") }
            : { status: "queued", id: seen.id, reason: seen.last_error ?? "already submitted" };
        }
      }
      const at = now().toISOString();
      const row: OutboxRow = {
        id: randomUUID(),
        hub: write.hub,
        kind: write.kind,
        payload: JSON.stringify(write.payload),
        idempotency_key: meta.idempotencyKey ?? `ops-hub:${randomUUID()}`,
        summary: meta.summary,
        widget_slug: write.kind === "widget" ? write.payload.slug : write.payload.widgetSlug,
        status: "pending",
        attempts: 0,
        next_attempt_at: at,
        lease_owner: owner,
        lease_until: new Date(now().getTime() + LEASE_MS).toISOString(),
        last_error: null,
        result: null,
        created_by: JSON.stringify(meta.author),
        created_at: at,
        delivered_at: null,
      };
      await db.insertInto("outbox").values(row).execute();
      const delivery = await attempt(row);
      if (delivery.status === "rejected")
        await db.deleteFrom("outbox").where("id", "=", row.id).execute();
      return delivery;
    },

    /** Delivers what is due, oldest first; returns how many rows it handled. */
    async deliverDue(limit = 20): Promise<number> {
      const due = await db
        .selectFrom("outbox")
        .selectAll()
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", now().toISOString())
        .where((eb) =>
          eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now().toISOString())]),
        )
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      let handled = 0;
      for (const row of due) {
        if (!(await claim(row.id))) continue;
        await attempt(row);
        handled += 1;
      }
      return handled;
    },

    pending(widgetSlug?: string): Promise<OutboxRow[]> {
      let query = db.selectFrom("outbox").selectAll().where("status", "!=", "delivered");
      if (widgetSlug) query = query.where("widget_slug", "=", widgetSlug);
      return query.orderBy("created_at", "desc").limit(500).execute();
    },

    /** An operator's decision to drop a refused write from the list. */
    async dismiss(id: string): Promise<void> {
      await db.deleteFrom("outbox").where("id", "=", id).where("status", "=", "rejected").execute();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
