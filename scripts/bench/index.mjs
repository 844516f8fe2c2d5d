#!/usr/bin/env node
// `npm run bench`: ops-hub at scale, measured. Builds the production bundle
// if needed, makes a fresh embedded store (SQLite; and PostgreSQL too when
// DATABASE_URL is set — in a scratch database it creates and drops), loads a
// generated estate (scripts/bench/estate.mjs: by default 10,000 widgets of the
// 14 types with their relations, 1,000,000 events over a year, a wave of 50
// gates), starts the production server on it and measures, with warm-up and
// repeated runs, median and p95:
//   pages      catalog list, filtered list, search, item pages, gate board, board JSON
//   baselines  the same answers done naively (every widget unpaginated; status
//              by scanning every event), measured in the same run, as ratios
//   api        the Inter-Hub API: a page of 50 widgets (by type, by name), one widget
//   write      a write through the API until the board (the read model) shows it
//   ingest     events over HTTP from 16 concurrent clients, and reads meanwhile
//   widgets    creating 10,000 widgets over HTTP until all are listed
//   idle       the server's CPU minute by minute after the load: the quietest
//              minute, and the total (which holds V8's one heap clean-up)
//   memory     the server's RSS after the run
//   js         first-load JavaScript per route (gzip), from the build output
// Each figure is printed beside its budget (README, "Performance budgets").
// A measurement, not a test: it exits 0 unless the bench itself broke (2), or
// with --check when a figure misses its budget (1).
//
//   npm run bench -- [--widgets 10000] [--events 1000000] [--runs 30] [--warmup 5]
//     [--ingest-seconds 20] [--idle-seconds 60] [--create-widgets N] [--seed 20261129]
//     [--json] [--check] [--keep] [--smoke] [--postgres] [--only sqlite|postgresql]
//     [--store <data dir>]
//
// --smoke: a small, quick run (500 widgets, 20,000 events, a few runs) that CI
// uses to catch breakage of the bench itself. --json: the results as JSON on
// stdout (progress goes to stderr). --postgres: use TEST_DATABASE_URL (as set
// by `node scripts/with-postgres.mjs`) when DATABASE_URL is not set. --only:
// measure one store, to work on its figures. --store: measure a SQLite data
// directory a run kept (--keep, or a failed run) instead of loading one, which
// at 10,000,000 events saves minutes; it is never deleted.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startAppServer } from "../app-server.mjs";
import { buildIfNeeded } from "../build-if-needed.mjs";
import { firstLoadJs } from "./first-load-js.mjs";
import { call, json, poolAgent, signIn, timeRequests, median, quantile } from "./http.mjs";
import { loadPostgres, loadSqlite } from "./stores.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values: args } = parseArgs({
  options: {
    widgets: { type: "string" },
    events: { type: "string" },
    runs: { type: "string" },
    warmup: { type: "string" },
    "ingest-seconds": { type: "string" },
    "idle-seconds": { type: "string" },
    "create-widgets": { type: "string" },
    seed: { type: "string", default: "20261129" },
    json: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
    only: { type: "string" },
    store: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(readFileSync(new URL(import.meta.url), "utf8").match(/^(\/\/.*\n)+/m)[0]);
  process.exit(0);
}

if (args.only && !["sqlite", "postgresql"].includes(args.only)) {
  console.error("--only must be sqlite or postgresql");
  process.exit(2);
}

const SMOKE = { widgets: 500, events: 20_000, runs: 5, warmup: 1, ingest: 3, idle: 3, windows: 1 };
const FULL = {
  widgets: 10_000,
  events: 1_000_000,
  runs: 30,
  warmup: 5,
  ingest: 20,
  idle: 60,
  windows: 3,
};
const preset = args.smoke ? SMOKE : FULL;
const size = {
  widgets: positive("widgets", preset.widgets),
  events: positive("events", preset.events),
  runs: positive("runs", preset.runs),
  warmup: positive("warmup", preset.warmup),
  ingestSeconds: positive("ingest-seconds", preset.ingest),
  idleSeconds: positive("idle-seconds", preset.idle),
  idleWindows: preset.windows,
  seed: positive("seed", 20261129),
};
size.createWidgets = positive("create-widgets", size.widgets);

function positive(name, fallback) {
  if (args[name] === undefined) return fallback;
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
}

/** Progress to stderr under --json, so stdout is the JSON alone. */
const log = (...parts) => (args.json ? console.error : console.log)(...parts);

const WAVE = "ops-migration-coulombcore-to-threephoenix";
const INGEST_CLIENTS = 16;
const READ_EVERY_MS = 500;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const PEER = "a Backstage catalog backend at 10,000 entities on a like machine";
// The budgets of README.md's "Performance budgets"; from 100,000 widgets on, its larger ones.
const LARGE = size.widgets >= 100_000;
const BUDGET = {
  pageMs: LARGE ? 150 : 100,
  apiMs: 3,
  ingestPerSecond: 3000,
  /** A page's p95 while 16 clients ingest, against its quiet p95. */
  busyP95Ratio: 2,
  firstPageMs: LARGE ? 3000 : 500,
  writeVisibleMs: 1000,
  createSeconds: 5.4, // 10× the peer's best 54 s for 10,000 entities
  idlePercent: 0.5,
  rssMb: LARGE ? 600 : 250,
  jsGzipKb: 150,
};

// ------------------------------------------------------------------ measuring

/** A row of the results: what, the figure, its budget, and a ratio where one makes sense. */
function figure(group, label, values) {
  return { group, label, ...values };
}

async function measurePages(server, cookie, busy) {
  const time = (target) =>
    timeRequests(() => call(`${server.url}${target}`, { headers: { cookie } }), {
      runs: size.runs,
      warmup: size.warmup,
    });
  const pages = [
    ["catalog list", "/catalog"],
    ["catalog filtered", "/catalog?type=ops-endpoint&env=ops-env-coulombcore"],
    ["catalog search", "/catalog?q=gitea"],
    ["item page (busiest service)", `/catalog/${busy}`],
    ["item page (gitea)", "/catalog/ops-service-gitea"],
    ["gate board (wave of 50 gates)", `/migrations/${WAVE}`],
    ["gate status derivation (board JSON)", `/api/migrations/${WAVE}/board`],
    ["home", "/"],
  ];
  const rows = [];
  for (const [label, target] of pages) {
    const result = await time(target);
    log(`  ${label.padEnd(38)} median ${result.median.toFixed(1).padStart(7)} ms`);
    rows.push(
      figure("pages", label, {
        path: target,
        unit: "ms",
        ...result,
        budget: label === "home" ? undefined : `< ${BUDGET.pageMs} ms`,
        withinBudget: label === "home" ? undefined : result.ok && result.median < BUDGET.pageMs,
      }),
    );
  }
  return rows;
}

async function measureApi(server, key) {
  const headers = { authorization: `Bearer ${key}`, accept: "application/json" };
  const time = (target, options = {}) =>
    timeRequests(() => call(`${server.url}/api/v2${target}`, { headers }), {
      runs: Math.max(size.runs, 50),
      warmup: size.warmup,
      ...options,
    });
  const one = (await json(`${server.url}/api/v2/widgets?hub=ops-hub&per_page=1`, { headers }))
    .data[0];
  const targets = [
    ["page of 50 widgets", "/widgets?hub=ops-hub&per_page=50"],
    ["page of 50, one type", "/widgets?hub=ops-hub&per_page=50&widget_type=ops-endpoint"],
    ["page of 50, sorted by name", "/widgets?hub=ops-hub&per_page=50&sort=name"],
    [
      "page of 50, one type, by name",
      "/widgets?hub=ops-hub&per_page=50&widget_type=ops-endpoint&sort=name",
    ],
    ["one widget", `/widgets/${one.id}`],
  ];
  const rows = [];
  for (const [label, target] of targets) {
    const result = await time(target);
    log(`  ${label.padEnd(38)} median ${result.median.toFixed(2).padStart(7)} ms`);
    rows.push(
      figure("api", label, {
        path: `/api/v2${target}`,
        unit: "ms",
        ...result,
        budget: `< ${BUDGET.apiMs} ms`,
        withinBudget: result.ok && result.median < BUDGET.apiMs,
      }),
    );
  }

  // Naive baseline: the whole list in one go (every page of the API, the
  // least an unpaginated list could cost).
  const everyPage = async (target, perPage) => {
    const started = performance.now();
    let bytes = 0;
    for (let page = 1; ; page++) {
      const response = await call(
        `${server.url}/api/v2${target}&per_page=${perPage}&page=${page}`,
        { headers },
      );
      bytes += response.body.length;
      const { data, meta } = JSON.parse(response.body.toString("utf8"));
      if (data.length === 0 || page * perPage >= meta.total) break;
    }
    return { ms: performance.now() - started, status: 200, body: { length: bytes } };
  };
  const page = rows[0];
  const all = await timeRequests(() => everyPage("/widgets?hub=ops-hub", 200), {
    runs: 3,
    warmup: 1,
  });
  rows.push(
    figure("baselines", "naive: every widget, unpaginated", {
      unit: "ms",
      ...all,
      baseline: "page of 50 widgets",
      ratio: all.median / page.median,
    }),
  );
  return rows;
}

/**
 * Evidence status (the newest event per widget and type), the naive way —
 * scanning every event of the hub — against the latest events the hub keeps
 * whole, both straight in the store, so the ratio is the work saved.
 */
async function naiveStatus(store, hubId) {
  const time = async (query) => {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await store.query(query, [hubId]);
      runs.push(performance.now() - started);
    }
    return runs.sort((a, b) => a - b);
  };
  const indexed = await time("select * from latest_events where hub_id = $1");
  const naive = await time(
    "select e.* from interaction_events e join (select widget_id, event_type, max(created_at) as at from interaction_events where hub_id = $1 group by widget_id, event_type) n on n.widget_id = e.widget_id and n.event_type = e.event_type and n.at = e.created_at",
  );
  const stats = (runs) => ({
    unit: "ms",
    runs: runs.length,
    median: median(runs),
    p95: quantile(runs, 0.95),
  });
  const label = "status from the latest-event index";
  return [
    figure("baselines", label, stats(indexed)),
    figure("baselines", "naive: status by scanning every event", {
      ...stats(naive),
      baseline: label,
      ratio: median(naive) / median(indexed),
    }),
  ];
}

/** 16 clients post events as fast as they are answered; a reader times pages meanwhile. */
async function measureIngest(server, key, cookie, widgetIds) {
  const headers = { authorization: `Bearer ${key}`, accept: "application/json" };
  const readPaths = [
    ["catalog list", "/catalog", { cookie }],
    ["page of 50 widgets", "/api/v2/widgets?hub=ops-hub&per_page=50", headers],
  ];
  // A reader opens each page every READ_EVERY_MS (a few people looking),
  // timed quietly first, then while the clients ingest.
  const readQuietly = async (ms) => {
    const times = new Map(readPaths.map(([label]) => [label, []]));
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const started = performance.now();
      for (const [label, target, h] of readPaths)
        times.get(label).push((await call(`${server.url}${target}`, { headers: h })).ms);
      await sleep(Math.max(0, READ_EVERY_MS - (performance.now() - started)));
    }
    return times;
  };
  const idle = await readQuietly(Math.min(5000, size.ingestSeconds * 1000));

  let accepted = 0;
  let refused = 0;
  let firstError;
  const started = performance.now();
  const deadline = started + size.ingestSeconds * 1000;
  let next = 0;
  const client = async () => {
    while (performance.now() < deadline) {
      const widgetId = widgetIds[next++ % widgetIds.length];
      const response = await call(`${server.url}/api/v2/interaction-events`, {
        method: "POST",
        agent: poolAgent,
        headers,
        body: {
          widgetId,
          eventType: "ops-endpoint-verified",
          viewContext: "ops-hub bench",
          metadata: { outcome: "pass", observer: "bench", observedStatus: 200, latencyMs: 12 },
        },
      });
      if (response.status === 201) accepted++;
      else {
        refused++;
        firstError ??= `${response.status} ${response.body.toString().slice(0, 200)}`;
      }
    }
  };
  const reading = readQuietly(size.ingestSeconds * 1000);
  await Promise.all(Array.from({ length: INGEST_CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  const during = await reading;
  if (accepted === 0) throw new Error(`ingest: every event was refused (${firstError})`);
  const perSecond = accepted / seconds;
  log(
    `  ingest ${perSecond.toFixed(0)} events/s (${accepted} in ${seconds.toFixed(1)} s, ${refused} refused)`,
  );
  const rows = [
    figure("ingest", `events over HTTP, ${INGEST_CLIENTS} clients`, {
      unit: "events/s",
      value: perSecond,
      accepted,
      refused,
      seconds,
      firstError,
      budget: `≥ ${BUDGET.ingestPerSecond} events/s`,
      withinBudget: refused === 0 && perSecond >= BUDGET.ingestPerSecond,
    }),
  ];
  for (const [label] of readPaths) {
    const quiet = idle.get(label).sort((a, b) => a - b);
    const busy = during.get(label).sort((a, b) => a - b);
    const ratio = quantile(busy, 0.95) / quantile(quiet, 0.95);
    rows.push(
      figure("ingest", `${label}, while ingesting`, {
        unit: "ms",
        runs: busy.length,
        median: median(busy),
        p95: quantile(busy, 0.95),
        baseline: `${label}, quiet (p95)`,
        baselineMedian: quantile(quiet, 0.95),
        ratio,
        budget: `≤ ${BUDGET.busyP95Ratio}× quiet p95`,
        withinBudget: ratio <= BUDGET.busyP95Ratio,
      }),
    );
  }
  return rows;
}

/**
 * Read your write: a gate's verdict note written through the API, timed until
 * the board JSON (derived from the read model, not read from the store)
 * shows it, asked again as soon as each answer comes. A quiet server, a
 * fresh note each run.
 */
async function measureWriteVisible(server, key, cookie) {
  const headers = { authorization: `Bearer ${key}`, accept: "application/json" };
  const boardUrl = `${server.url}/api/migrations/${WAVE}/board`;
  const board = await json(boardUrl, { headers: { cookie } });
  const gate = board.gates[0];
  const [widget] = (
    await json(`${server.url}/api/v2/widgets?hub=ops-hub&slug=${gate.slug}`, { headers })
  ).data;
  const times = [];
  for (let run = 0; run < Math.max(10, Math.min(size.runs, 30)); run++) {
    const note = `bench write ${run} ${randomUUID()}`;
    const started = performance.now();
    const written = await call(`${server.url}/api/v2/interaction-events`, {
      method: "POST",
      headers,
      body: { widgetId: widget.id, eventType: "ops-readiness-gate-updated", metadata: { note } },
    });
    if (written.status !== 201) throw new Error(`write: ${written.status}`);
    for (;;) {
      const seen = await json(boardUrl, { headers: { cookie } });
      if (seen.gates.find((g) => g.slug === gate.slug)?.verdict?.note === note) break;
      if (performance.now() - started > 10_000) throw new Error("write not visible after 10 s");
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p95 = quantile(times, 0.95);
  log(
    `  API write visible on the board: median ${median(times).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`,
  );
  return figure("read-your-write", "API write, visible on the board JSON", {
    unit: "ms",
    runs: times.length,
    median: median(times),
    p95,
    budget: `p95 < ${BUDGET.writeVisibleMs} ms`,
    withinBudget: p95 < BUDGET.writeVisibleMs,
  });
}

/** A hub of its own, then `count` widgets from 16 clients, timed until the API lists them all. */
async function measureWidgetCreation(server, operatorKey) {
  const headers = { authorization: `Bearer ${operatorKey}`, accept: "application/json" };
  const slug = `bench-${randomBytes(3).toString("hex")}`;
  const hub = await json(`${server.url}/api/v2/hubs`, {
    method: "POST",
    headers,
    body: { name: "Benchmark load", slug, hub_kind: "domain" },
  });
  const manifest = await json(`${server.url}/api/v2/hub-capability-manifests`, {
    method: "POST",
    headers,
    body: { hubId: hub.id, widgetTypes: ["bench-item"], eventTypes: ["bench-seen"] },
  });
  await json(`${server.url}/api/v2/hub-capability-manifests/${manifest.id}/activate`, {
    method: "POST",
    headers,
  });
  const count = size.createWidgets;
  let next = 0;
  let refused = 0;
  let firstError;
  const started = performance.now();
  const client = async () => {
    for (let n = next++; n < count; n = next++) {
      const response = await call(`${server.url}/api/v2/widgets`, {
        method: "POST",
        agent: poolAgent,
        headers,
        body: {
          hubId: hub.id,
          widgetType: "bench-item",
          slug: `bench-item-${n}`,
          name: `Benchmark item ${n}`,
          metadata: { n, owner: { team: "bench" } },
        },
      });
      if (response.status !== 201) {
        refused++;
        firstError ??= `${response.status} ${response.body.toString().slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: INGEST_CLIENTS }, client));
  let listed = 0;
  while (listed < count - refused && performance.now() - started < 600_000) {
    listed = (await json(`${server.url}/api/v2/widgets?hub=${slug}&per_page=1`, { headers })).meta
      .total;
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  created ${count} widgets, all listed, in ${seconds.toFixed(1)} s (${refused} refused)`);
  return figure("widgets", `create ${count} widgets until all are listed`, {
    unit: "s",
    value: seconds,
    perSecond: count / seconds,
    refused,
    firstError,
    budget: `< ${BUDGET.createSeconds} s at 10,000`,
    withinBudget: refused === 0 && (count / 10_000) * BUDGET.createSeconds > seconds,
  });
}

function processCpuSeconds(pid) {
  // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measureIdle(server) {
  // After a load V8 compacts the heap once (about half a second of CPU; RSS
  // drops by a third): when it sees allocation stop, or as late as its memory
  // reducer's watchdog, 100 s after the last full collection. So the quiet
  // time after the load is measured minute by minute; the quietest minute is
  // what the idle server itself spends, and the total shows the clean-up.
  const minutes = [];
  for (let i = 0; i < size.idleWindows; i++) {
    const before = processCpuSeconds(server.pid);
    const started = performance.now();
    await sleep(size.idleSeconds * 1000);
    const cpu = processCpuSeconds(server.pid) - before;
    minutes.push({ cpu, percent: (100 * cpu) / ((performance.now() - started) / 1000) });
  }
  const each = minutes.map((m) => m.percent.toFixed(2)).join(", ");
  const quietest = Math.min(...minutes.map((m) => m.percent));
  const total = minutes.reduce((sum, m) => sum + m.cpu, 0);
  log(`  idle CPU per ${size.idleSeconds} s after the load: ${each} % of a core`);
  return [
    figure("idle", `CPU in the ${minutes.length} × ${size.idleSeconds} s after the load`, {
      unit: "s of CPU",
      value: total,
    }),
    figure("idle", `CPU, quietest ${size.idleSeconds} s of those (${each} %)`, {
      unit: "% of a core",
      value: quietest,
      budget: `< ${BUDGET.idlePercent} %`,
      withinBudget: quietest < BUDGET.idlePercent,
    }),
  ];
}

function measureMemory(server) {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  const field = (name) =>
    Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1]) / 1024;
  const rss = field("VmRSS");
  log(`  RSS ${rss.toFixed(0)} MB (peak ${field("VmHWM").toFixed(0)} MB)`);
  return figure("memory", `server RSS after the run (peak ${field("VmHWM").toFixed(0)} MB)`, {
    unit: "MB",
    value: rss,
    peak: field("VmHWM"),
    budget: `< ${BUDGET.rssMb} MB`,
    withinBudget: rss < BUDGET.rssMb,
  });
}

/** A screen link's token for the shared-screen route, written as the admin page would. */
async function screenToken(store) {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await store.query(
    `insert into screen_links (id, token_hash, wave_slug, label, created_by, created_at, expires_at, revoked_at)
     values ($1, $2, $3, $4, $5, $6, $7, null)`,
    [
      randomUUID(),
      createHash("sha256").update(token).digest("hex"),
      WAVE,
      "bench",
      JSON.stringify({ id: "bench", name: "bench" }),
      now.toISOString(),
      new Date(now.getTime() + 86_400_000).toISOString(),
    ],
  );
  return token;
}

async function measureFirstLoadJs(server, cookie, store) {
  const token = await screenToken(store);
  const signedIn = [
    "/",
    "/catalog",
    "/catalog/ops-service-gitea",
    "/topology",
    "/gaps",
    "/activity",
    "/migrations",
    `/migrations/${WAVE}`,
    `/migrations/${WAVE}/reviews`,
    `/migrations/${WAVE}/present`,
    "/risks",
    "/admin",
    "/admin/users",
    "/admin/screens",
    "/admin/outbox",
  ];
  const staticDir = path.join(root, ".next", "static");
  const measured = [
    ...(await firstLoadJs({ baseUrl: server.url, cookie, routes: signedIn, staticDir })),
    ...(await firstLoadJs({
      baseUrl: server.url,
      routes: ["/signin", `/screen/${token}`],
      staticDir,
    })),
  ];
  return measured.map(({ route, files, rawBytes, gzipBytes }) =>
    figure("js", route.replace(token, "<token>"), {
      unit: "KB gzip",
      value: gzipBytes / 1024,
      rawKb: rawBytes / 1024,
      files: files.length,
      budget: `≤ ${BUDGET.jsGzipKb} KB`,
      withinBudget: gzipBytes / 1024 <= BUDGET.jsGzipKb,
    }),
  );
}

// ------------------------------------------------------------------ stores

/** A query interface over the store the server uses, for the bench's own reads and writes. */
/** What a load would have said of a kept store: its counts and the busy gateway. */
async function keptStoreSummary(dataDir) {
  const store = await openStore("sqlite", dataDir);
  try {
    const count = async (table) => (await store.query(`select count(*) as n from ${table}`))[0].n;
    const [busy] = await store.query(
      "select slug from widgets where name = 'API gateway (CoulombCore edge)' limit 1",
    );
    return {
      widgets: await count("widgets"),
      events: await count("interaction_events"),
      busy: busy?.slug,
      loadSeconds: 0,
    };
  } finally {
    await store.close();
  }
}

async function openStore(kind, dataDir, databaseUrl) {
  if (kind === "postgresql") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      query: async (text, values) => (await client.query(text, values)).rows,
      close: () => client.end(),
    };
  }
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path.join(dataDir, "ops-hub.sqlite"));
  db.pragma("busy_timeout = 5000");
  return {
    query: async (text, values = []) => {
      const statement = db.prepare(text.replace(/\$\d+/g, "?"));
      return statement.reader ? statement.all(...values) : (statement.run(...values), []);
    },
    close: async () => db.close(),
  };
}

/** A scratch database beside the one DATABASE_URL names, dropped afterwards: the bench never touches yours. */
async function scratchPostgres(url) {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `ops_hub_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    name,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function runStore(kind, databaseUrl) {
  const reused = kind === "sqlite" && args.store ? path.resolve(args.store) : undefined;
  const dataDir = reused ?? mkdtempSync(path.join(tmpdir(), `ops-hub-bench-${kind}-`));
  const env = {
    DATABASE_URL: databaseUrl ?? "",
    INTERHUB_URL: "",
    OPS_HUB_HUB_SLUG: "ops-hub",
    OPS_HUB_PROBES: "off",
  };
  let server;
  let store;
  let failed = false;
  try {
    let load;
    if (reused) {
      log(`[bench] ${kind}: measuring the store kept in ${dataDir}`);
      load = await keptStoreSummary(dataDir);
    } else {
      log(`[bench] ${kind}: first start (migrates, seeds the ops-hub hub, keys, admin)`);
      const seeding = await startAppServer({ name: `bench-${kind}-seed`, dataDir, env });
      await seeding.stop();
      log(`[bench] ${kind}: loading ${size.widgets} widgets and ${size.events} events`);
      const options = { widgets: size.widgets, events: size.events, seed: size.seed };
      load =
        kind === "postgresql"
          ? await loadPostgres(databaseUrl, options, log)
          : await loadSqlite(dataDir, options, log);
    }

    let started = performance.now();
    server = await startAppServer({ name: `bench-${kind}`, dataDir, env });
    const startSeconds = (performance.now() - started) / 1000;
    store = await openStore(kind, dataDir, databaseUrl);
    const password = readFileSync(path.join(dataDir, "initial-admin-password"), "utf8").trim();
    const cookie = await signIn(server.url, password);
    const runtimeKey = readFileSync(
      path.join(dataDir, "keys", "ops-hub-runtime.key"),
      "utf8",
    ).trim();
    const operatorKey = readFileSync(path.join(dataDir, "keys", "operator.key"), "utf8").trim();
    started = performance.now();
    const first = await call(`${server.url}/catalog`, { headers: { cookie } });
    if (first.status !== 200) throw new Error(`GET /catalog answered ${first.status}`);
    const firstMs = performance.now() - started;
    log(
      `[bench] ${kind}: server ready in ${startSeconds.toFixed(1)} s; first catalog page (reads the hub) ${firstMs.toFixed(0)} ms`,
    );

    const [{ id: hubId }] = await store.query("select id from hubs where slug = $1", ["ops-hub"]);
    const figures = [
      figure("pages", "first catalog page after start", {
        unit: "ms",
        value: firstMs,
        budget: `< ${BUDGET.firstPageMs} ms`,
        withinBudget: firstMs < BUDGET.firstPageMs,
      }),
    ];
    log(`[bench] ${kind}: pages, ${size.warmup} warm-up and ${size.runs} timed runs each`);
    figures.push(...(await measurePages(server, cookie, load.busy ?? "ops-service-gitea")));
    log(`[bench] ${kind}: Inter-Hub API and naive baselines`);
    figures.push(...(await measureApi(server, runtimeKey)), ...(await naiveStatus(store, hubId)));
    const listPage = figures.find((f) => f.label === "catalog list");
    const unpaginated = figures.find((f) => f.label === "naive: every widget, unpaginated");
    unpaginated.catalogRatio = unpaginated.median / listPage.median;

    log(`[bench] ${kind}: a write through the API until the board shows it`);
    figures.push(await measureWriteVisible(server, runtimeKey, cookie));
    log(`[bench] ${kind}: ingest, ${INGEST_CLIENTS} clients for ${size.ingestSeconds} s`);
    const endpoints = await store.query(
      "select id from widgets where hub_id = $1 and widget_type = 'ops-endpoint' limit 2000",
      [hubId],
    );
    figures.push(
      ...(await measureIngest(
        server,
        runtimeKey,
        cookie,
        endpoints.map((row) => row.id),
      )),
    );
    log(`[bench] ${kind}: widget creation`);
    figures.push(await measureWidgetCreation(server, operatorKey));
    let js = [];
    if (kind === "sqlite") {
      log(`[bench] first-load JavaScript per route`);
      js = await measureFirstLoadJs(server, cookie, store);
    }
    log(`[bench] ${kind}: quiet for ${size.idleWindows} × ${size.idleSeconds} s`);
    figures.push(...(await measureIdle(server)));
    figures.push(measureMemory(server));
    return { store: kind, load: { ...load, startSeconds }, figures, js };
  } catch (error) {
    failed = true;
    if (server) log(`[bench] ${kind}: server log kept in ${server.logFile}`);
    throw error;
  } finally {
    await store?.close();
    await server?.stop();
    // A failed run keeps its data and the server's log to look into.
    if (!args.keep && !failed && !reused) rmSync(dataDir, { recursive: true, force: true });
    else log(`[bench] ${kind}: data kept in ${dataDir}`);
  }
}

// ------------------------------------------------------------------ report

const number = (value, digits = 1) =>
  value === undefined || Number.isNaN(value) ? "" : value.toFixed(digits);

function table(header, rows) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => String(row[i]).length)),
  );
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function verdict(f) {
  if (f.withinBudget === undefined) return "";
  return f.withinBudget ? "ok" : "OVER";
}

function report(results) {
  for (const run of results.stores) {
    log("");
    log(
      `== ${run.store}: ${run.load.widgets} widgets, ${run.load.events} loaded events; loaded in ${run.load.loadSeconds.toFixed(1)} s`,
    );
    const rows = run.figures.map((f) => [
      `${f.group}: ${f.label}`,
      f.median !== undefined
        ? number(f.median, f.group === "api" ? 2 : 1)
        : number(f.value, f.unit === "% of a core" || f.unit === "s of CPU" ? 2 : 1),
      f.p95 !== undefined ? number(f.p95, f.group === "api" ? 2 : 1) : "",
      f.unit,
      f.bytes !== undefined ? number(f.bytes / 1024) : "",
      f.ratio !== undefined ? `${f.ratio.toFixed(1)}× ${f.baseline}` : "",
      f.budget ?? "",
      verdict(f),
    ]);
    log(table(["figure", "median", "p95", "unit", "KB", "ratio to baseline", "budget", ""], rows));
  }
  const js = results.stores.flatMap((run) => run.js);
  if (js.length) {
    log("");
    log(
      table(
        ["first-load JS (route)", "gzip KB", "raw KB", "files", "budget", ""],
        js.map((f) => [f.label, number(f.value), number(f.rawKb), f.files, f.budget, verdict(f)]),
      ),
    );
  }
  log("");
  log(
    `Peer (issue 7): ${PEER}: filtered page of 50 in 12–27 ms, sorted in 16–23 ms, 54–100 s to ingest 10,000 entities, ` +
      `2–11 % of a core idle, 340–575 MB. ${results.machine.cores} cores, Node ${results.machine.node}, ` +
      `load average ${results.machine.loadAverage.join(" ")} at the end (another busy process skews every figure).`,
  );
}

// ------------------------------------------------------------------ main

const databaseUrl =
  process.env.DATABASE_URL || (args.postgres ? process.env.TEST_DATABASE_URL : undefined);
if (args.postgres && !databaseUrl)
  log(
    "[bench] --postgres: no DATABASE_URL or TEST_DATABASE_URL, so SQLite only (with-postgres.mjs found no server binaries?)",
  );
if (args.only === "postgresql" && !databaseUrl) {
  console.error(
    "--only postgresql needs DATABASE_URL, or --postgres under scripts/with-postgres.mjs",
  );
  process.exit(2);
}
const results = {
  size,
  machine: { cores: cpus().length, memoryGb: totalmem() / 2 ** 30, node: process.version },
  budgets: BUDGET,
  stores: [],
};
try {
  log("[bench] production build (rebuilt only when sources changed)");
  buildIfNeeded({ toStderr: true });
  if (args.only !== "postgresql") results.stores.push(await runStore("sqlite"));
  if (databaseUrl && args.only !== "sqlite") {
    const scratch = await scratchPostgres(databaseUrl);
    log(`[bench] postgresql: scratch database ${scratch.name}`);
    try {
      results.stores.push(await runStore("postgresql", scratch.url));
    } finally {
      if (!args.keep) await scratch.drop();
    }
  }
  results.machine.loadAverage = loadavg().map((n) => n.toFixed(2));
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(2);
}
report(results);
if (args.json) console.log(JSON.stringify(results, null, 2));
const missed = results.stores
  .flatMap((run) => [...run.figures, ...run.js])
  .filter((f) => f.withinBudget === false);
if (missed.length)
  log(
    `\n${missed.length} figure(s) over budget: ${missed.map((f) => `${f.group}: ${f.label}`).join("; ")}`,
  );
process.exit(args.check && missed.length ? 1 : 0);
