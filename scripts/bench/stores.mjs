// Bulk loading of a benchmark estate into the embedded hub's store, after the
// server's first start has migrated and seeded it: straight into the tables
// (the hub's own API would take minutes for a million events, and the ingest
// over HTTP is measured on its own). SQLite through better-sqlite3, or
// PostgreSQL through pg, with the same rows.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { planEstate, versionSnapshot } from "./estate.mjs";

const WIDGET_COLUMNS = [
  "id",
  "hub_id",
  "widget_type",
  "slug",
  "name",
  "metadata",
  "version",
  "created_at",
  "updated_at",
];
const VERSION_COLUMNS = [
  "id",
  "widget_id",
  "hub_id",
  "version",
  "change",
  "snapshot",
  "recorded_by",
  "created_at",
];
const EVENT_COLUMNS = [
  "id",
  "hub_id",
  "widget_id",
  "event_type",
  "view_context",
  "metadata",
  "recorded_by",
  "created_at",
];
// The seeded widgets already have a latest event or two: the newer one stays.
const KEEP_NEWEST = `on conflict (widget_id, event_type) do update
  set event_id = excluded.event_id, view_context = excluded.view_context,
    metadata = excluded.metadata, recorded_by = excluded.recorded_by,
    created_at = excluded.created_at
  where excluded.created_at > latest_events.created_at`;
const LATEST_COLUMNS = [
  "widget_id",
  "event_type",
  "hub_id",
  "event_id",
  "view_context",
  "metadata",
  "recorded_by",
  "created_at",
];

function lapTimer(log) {
  const started = performance.now();
  let last = started;
  return {
    lap(label) {
      const t = performance.now();
      log(`  ${label.padEnd(56)} ${((t - last) / 1000).toFixed(1).padStart(6)} s`);
      last = t;
    },
    seconds: () => (performance.now() - started) / 1000,
  };
}

/** What was loaded, for the report. */
function summary(plan, timer) {
  return {
    widgets: plan.total,
    added: plan.added.length,
    events: plan.stats.events,
    busy: plan.busy?.slug,
    typeCounts: plan.typeCounts,
    loadSeconds: timer.seconds(),
  };
}

/** The widget and version rows of one estate, as the tables take them. */
function rowsOf(plan, seeded) {
  const widgetRows = plan.added.map((w) => [
    w.id,
    seeded.hubId,
    w.widget_type,
    w.slug,
    w.name,
    JSON.stringify(w.metadata),
    1,
    w.created_at,
    w.created_at,
  ]);
  const versionRows = plan.added.map((w) => [
    randomUUID(),
    w.id,
    seeded.hubId,
    1,
    "created",
    versionSnapshot(w, seeded.hubId),
    seeded.consumerId,
    w.created_at,
  ]);
  return { widgetRows, versionRows };
}

const eventRow = (e, seeded) => [
  e.id,
  seeded.hubId,
  e.widget_id,
  e.event_type,
  e.view_context,
  e.metadata,
  seeded.consumerId,
  e.created_at,
];
const latestRow = (e, seeded) => [
  e.widget_id,
  e.event_type,
  seeded.hubId,
  e.id,
  e.view_context,
  e.metadata,
  seeded.consumerId,
  e.created_at,
];

function parseSeeded(hub, consumer, rows) {
  if (!hub) throw new Error("the ops-hub hub is missing: the first start did not seed it");
  return {
    hubId: hub.id,
    consumerId: consumer?.id ?? null,
    widgets: rows.map((w) => ({ ...w, metadata: JSON.parse(w.metadata) })),
  };
}

export async function loadSqlite(dataDir, options, log = console.log) {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path.join(dataDir, "ops-hub.sqlite"));
  const timer = lapTimer(log);
  // The server left the store in WAL mode, where one transaction of ten million events
  // grows a WAL of gigabytes; a journal in memory (better-sqlite3 refuses OFF) is
  // reached through DELETE, as WAL cannot switch to it directly.
  db.pragma("journal_mode = DELETE");
  if (db.pragma("journal_mode = MEMORY", { simple: true }) !== "memory")
    throw new Error("the bench store could not leave WAL mode for the load");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1048576");
  db.pragma("foreign_keys = OFF");
  const hub = db.prepare("select id from hubs where slug = 'ops-hub'").get();
  const seeded = parseSeeded(
    hub,
    hub &&
      db
        .prepare("select id from api_consumers where name = 'ops-hub-runtime' and hub_id = ?")
        .get(hub.id),
    hub
      ? db
          .prepare(
            "select id, widget_type, slug, name, metadata, created_at from widgets where hub_id = ?",
          )
          .all(hub.id)
      : [],
  );
  const plan = planEstate({ ...options, seeded: seeded.widgets });
  timer.lap(`generated ${plan.added.length} widgets`);
  const insert = (table, columns, suffix = "") =>
    db.prepare(
      `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")}) ${suffix}`,
    );
  const { widgetRows, versionRows } = rowsOf(plan, seeded);
  const widget = insert("widgets", WIDGET_COLUMNS);
  const version = insert("widget_versions", VERSION_COLUMNS);
  db.transaction(() => {
    for (const row of widgetRows) widget.run(row);
    for (const row of versionRows) version.run(row);
  })();
  timer.lap(`inserted ${plan.added.length} widgets and their versions`);
  const event = insert("interaction_events", EVENT_COLUMNS);
  const latest = insert("latest_events", LATEST_COLUMNS, KEEP_NEWEST);
  db.transaction(() => {
    for (const { event: e, latest: l } of plan.rows()) {
      if (e) event.run(eventRow(e, seeded));
      else latest.run(latestRow(l, seeded));
    }
  })();
  timer.lap(`inserted ${plan.stats.events} events (${plan.stats.fails} failing)`);
  db.pragma("journal_mode = WAL");
  db.close();
  return summary(plan, timer);
}

/** Rows into one multi-row INSERT per batch (PostgreSQL takes at most 65,535 parameters). */
function batchInserter(client, table, columns, rowsPerStatement = 1000, suffix = "") {
  let pending = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const values = rows
      .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`)
      .join(", ");
    await client.query(
      `insert into ${table} (${columns.join(", ")}) values ${values} ${suffix}`,
      rows.flat(),
    );
  };
  return {
    async add(row) {
      pending.push(row);
      if (pending.length >= rowsPerStatement) await flush();
    },
    flush,
  };
}

export async function loadPostgres(databaseUrl, options, log = console.log) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const timer = lapTimer(log);
  try {
    await client.query("set synchronous_commit = off");
    const hub = (await client.query("select id from hubs where slug = 'ops-hub'")).rows[0];
    const seeded = parseSeeded(
      hub,
      hub &&
        (
          await client.query(
            "select id from api_consumers where name = 'ops-hub-runtime' and hub_id = $1",
            [hub.id],
          )
        ).rows[0],
      hub
        ? (
            await client.query(
              "select id, widget_type, slug, name, metadata, created_at from widgets where hub_id = $1",
              [hub.id],
            )
          ).rows
        : [],
    );
    const plan = planEstate({ ...options, seeded: seeded.widgets });
    timer.lap(`generated ${plan.added.length} widgets`);
    await client.query("begin");
    const { widgetRows, versionRows } = rowsOf(plan, seeded);
    const widgets = batchInserter(client, "widgets", WIDGET_COLUMNS);
    for (const row of widgetRows) await widgets.add(row);
    await widgets.flush();
    const versions = batchInserter(client, "widget_versions", VERSION_COLUMNS);
    for (const row of versionRows) await versions.add(row);
    await versions.flush();
    timer.lap(`inserted ${plan.added.length} widgets and their versions`);
    const events = batchInserter(client, "interaction_events", EVENT_COLUMNS, 2000);
    const latest = batchInserter(client, "latest_events", LATEST_COLUMNS, 2000, KEEP_NEWEST);
    for (const { event: e, latest: l } of plan.rows()) {
      if (e) await events.add(eventRow(e, seeded));
      else await latest.add(latestRow(l, seeded));
    }
    await events.flush();
    await latest.flush();
    await client.query("commit");
    await client.query("analyze");
    timer.lap(`inserted ${plan.stats.events} events (${plan.stats.fails} failing), analyzed`);
    return summary(plan, timer);
  } finally {
    await client.end();
  }
}
