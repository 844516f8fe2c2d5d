import { randomBytes } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { ChangesQuery } from "@/lib/interhub/wire";
import type { Database } from "@/lib/db/schema";
import { isPostgres } from "@/lib/db/database";
import { CHANGES_CHANNEL } from "@/lib/db/notifications";
import { groupBy } from "@/lib/domain/group-by";
import { DAY_MS } from "@/lib/domain/time";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import { canReadHub, type HubContext, type Principal } from "./context";

/**
 * [ours] Each hub's change feed: every write to its items, events and
 * annotations gets the next position of one ordered sequence, in the same
 * transaction as the write. A reader keeps a cursor (`<epoch>.<position>`)
 * and asks for what came after it, instead of re-reading the hub.
 *
 * Positions commit in order: bumping `hub_feeds.head` takes that row's lock
 * until the writing transaction commits, so two writers of one hub queue
 * there (SQLite has one writer anyway), and a reader that has seen position n
 * never finds n - 1 appearing later. Changes older than the retention are
 * pruned; a cursor that points into the pruned past, or into another epoch
 * (the database was replaced), answers 410 `cursor_expired`: re-read the hub,
 * then follow from `meta.head`.
 */
export type NewChange = Omit<Database["hub_changes"], "seq">;

export const CHANGE_RETENTION_DAYS = 7;

/** Records changes in the writing transaction, each hub's in the order given. */
export async function recordChanges(
  trx: Transaction<Database>,
  changes: NewChange[],
): Promise<void> {
  for (const [hubId, ofHub] of groupBy(changes, (change) => change.hub_id)) {
    const { head } = await trx
      .insertInto("hub_feeds")
      .values({ hub_id: hubId, epoch: newEpoch(), head: ofHub.length })
      .onConflict((conflict) =>
        conflict
          .column("hub_id")
          .doUpdateSet((eb) => ({ head: eb("hub_feeds.head", "+", ofHub.length) })),
      )
      .returning("head")
      .executeTakeFirstOrThrow();
    const first = Number(head) - ofHub.length + 1;
    await trx
      .insertInto("hub_changes")
      .values(ofHub.map((change, i) => ({ ...change, seq: first + i })))
      .execute();
    // Other instances on this database hear of it when the write commits, not after a timer.
    if (isPostgres(trx)) await sql`select pg_notify(${CHANGES_CHANNEL}, ${hubId})`.execute(trx);
  }
}

function newEpoch(): string {
  return randomBytes(4).toString("hex");
}

const CURSOR = /^([0-9a-f]{8})\.(\d{1,15})$/;

export function createChanges({ db, now, requireHub }: HubContext) {
  /** The hub's feed; a hub nobody has written to yet gets one on its first read (not on every poll). */
  async function feedOf(hubId: string) {
    const read = () =>
      db.selectFrom("hub_feeds").selectAll().where("hub_id", "=", hubId).executeTakeFirst();
    let feed = await read();
    if (!feed) {
      await db
        .insertInto("hub_feeds")
        .values({ hub_id: hubId, epoch: newEpoch(), head: 0 })
        .onConflict((conflict) => conflict.column("hub_id").doNothing())
        .execute();
      feed = (await read())!;
    }
    return { epoch: feed.epoch, head: Number(feed.head) };
  }

  /** The changes of one hub after a cursor (from the oldest kept, without one), oldest first. */
  async function listChanges(principal: Principal | null, query: ChangesQuery) {
    if (!principal) throw HubFault.unauthenticated();
    const hub = await requireHub(query.hub);
    if (!canReadHub(principal, hub.slug)) throw HubFault.forbidden();
    const feed = await feedOf(hub.id);
    const cursorOf = (seq: number) => `${feed.epoch}.${seq}`;

    let after: number | undefined;
    if (query.after !== undefined) {
      const match = CURSOR.exec(query.after);
      if (!match) throw HubFault.badRequest("after: not a cursor of a change feed");
      after = Number(match[2]);
      if (match[1] !== feed.epoch || after > feed.head)
        throw cursorExpired("this cursor belongs to another epoch of the feed");
    }

    const rows = await db
      .selectFrom("hub_changes")
      .selectAll()
      .where("hub_id", "=", hub.id)
      .$if(after !== undefined, (q) => q.where("seq", ">", after!))
      .orderBy("seq")
      .limit(query.per_page + 1)
      .execute();
    if (after !== undefined && after < feed.head && Number(rows[0]?.seq) !== after + 1)
      throw cursorExpired(`changes after this cursor are older than ${CHANGE_RETENTION_DAYS} days`);

    const page = rows.slice(0, query.per_page);
    const ids = (resource: Database["hub_changes"]["resource"]) =>
      page.filter((row) => row.resource === resource).map((row) => row.resource_id);
    const [widgets, events, annotations] = await Promise.all([
      rowsById(ids("widget"), (list) =>
        db.selectFrom("widgets").selectAll().where("id", "in", list).execute(),
      ),
      rowsById(ids("interaction-event"), (list) =>
        db.selectFrom("interaction_events").selectAll().where("id", "in", list).execute(),
      ),
      rowsById(ids("annotation"), (list) =>
        db.selectFrom("annotations").selectAll().where("id", "in", list).execute(),
      ),
    ]);
    const last = page.at(-1);
    return {
      data: page.map((row) => {
        const base = {
          position: cursorOf(Number(row.seq)),
          resource: row.resource,
          action: row.action,
          id: row.resource_id,
          widgetId: row.widget_id,
          at: row.created_at,
        };
        if (row.resource === "widget") {
          // The widget as it is now (a later change may follow); null once deleted.
          const widget = widgets.get(row.resource_id);
          return { ...base, widget: widget ? toWire.widget(widget) : null };
        }
        if (row.resource === "interaction-event") {
          const event = events.get(row.resource_id);
          return { ...base, event: event ? toWire.event(event) : null };
        }
        const annotation = annotations.get(row.resource_id);
        return { ...base, annotation: annotation ? toWire.annotation(annotation) : null };
      }),
      meta: {
        per_page: query.per_page,
        // Nothing (more) to read: continue from where the caller stands, or from the head.
        next: last ? cursorOf(Number(last.seq)) : (query.after ?? cursorOf(feed.head)),
        head: cursorOf(feed.head),
        has_more: rows.length > query.per_page,
      },
    };
  }

  /** Drops changes older than the retention; run now and then. */
  async function pruneChanges(
    olderThan = new Date(Date.parse(now()) - CHANGE_RETENTION_DAYS * DAY_MS),
  ) {
    await db.deleteFrom("hub_changes").where("created_at", "<", olderThan.toISOString()).execute();
  }

  return { listChanges, pruneChanges };
}

async function rowsById<Row extends { id: string }>(
  ids: string[],
  read: (ids: string[]) => Promise<Row[]>,
): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  return new Map((await read(ids)).map((row) => [row.id, row]));
}

function cursorExpired(why: string) {
  return HubFault.gone(
    "cursor_expired",
    `${why}: read the hub again, then follow its changes from meta.head`,
  );
}
