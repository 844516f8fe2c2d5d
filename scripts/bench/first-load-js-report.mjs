#!/usr/bin/env node
// First-load JavaScript of every page route against its budget (150 KB gzip):
// builds if needed, starts the production server on a throwaway data
// directory, signs in as admin, makes one screen link, measures each route
// with first-load-js.mjs and cross-checks the file lists against the build's
// route-bundle-stats.json. Exits 1 with `--check` when a route is over budget.
//
//   node scripts/bench/first-load-js-report.mjs [--check] [--json]
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { startAppServer } from "../app-server.mjs";
import { buildIfNeeded } from "../build-if-needed.mjs";
import { bundleStats, firstLoadJs } from "./first-load-js.mjs";

const BUDGET_KB = 150;
const WAVE = "ops-migration-coulombcore-to-threephoenix";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const check = process.argv.includes("--check");

async function signIn(base, password) {
  const jar = new Map();
  const keep = (response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, username: "admin", password, callbackUrl: "/" }),
  });
  keep(response);
  const session = jar.get("authjs.session-token");
  if (!session) throw new Error(`sign-in failed: ${response.status}`);
  return `authjs.session-token=${session}`;
}

/** A screen link straight into the database (the app stores only the token's SHA-256). */
function screenToken(dataDir) {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const db = new Database(path.join(dataDir, "ops-hub.sqlite"));
  db.prepare(
    `insert into screen_links (id, token_hash, wave_slug, label, created_by, created_at, expires_at, revoked_at)
     values (?, ?, ?, ?, ?, ?, ?, null)`,
  ).run(
    randomUUID(),
    createHash("sha256").update(token).digest("hex"),
    WAVE,
    "first-load-js bench",
    JSON.stringify({ id: "bench", name: "bench" }),
    now.toISOString(),
    new Date(now.getTime() + 86_400_000).toISOString(),
  );
  db.close();
  return token;
}

buildIfNeeded();
const server = await startAppServer({
  name: "first-load-js",
  env: { OPS_HUB_PROBES: "off", DATABASE_URL: "", INTERHUB_URL: "" },
});
let over = 0;
try {
  const password = readFileSync(path.join(server.dataDir, "initial-admin-password"), "utf8").trim();
  const cookie = await signIn(server.url, password);
  const token = screenToken(server.dataDir);
  // [concrete path, route pattern in route-bundle-stats.json, signed in?]
  const routes = [
    ["/", "/"],
    ["/activity", "/activity"],
    ["/admin", "/admin"],
    ["/admin/outbox", "/admin/outbox"],
    ["/admin/screens", "/admin/screens"],
    ["/admin/users", "/admin/users"],
    ["/catalog", "/catalog"],
    ["/catalog/ops-service-openbao", "/catalog/[slug]"],
    ["/forbidden", "/forbidden"],
    ["/gaps", "/gaps"],
    ["/migrations", "/migrations"],
    [`/migrations/${WAVE}`, "/migrations/[wave]"],
    [`/migrations/${WAVE}/reviews`, "/migrations/[wave]/reviews"],
    [`/migrations/${WAVE}/present`, "/migrations/[wave]/present"],
    ["/risks", "/risks"],
    ["/topology", "/topology"],
    ["/signin", "/signin", false],
    [`/screen/${token}`, "/screen/[token]", false],
  ];
  const staticDir = path.join(root, ".next", "static");
  const measured = [
    ...(await firstLoadJs({
      baseUrl: server.url,
      cookie,
      routes: routes.filter((r) => r[2] !== false).map((r) => r[0]),
      staticDir,
    })),
    ...(await firstLoadJs({
      baseUrl: server.url,
      routes: routes.filter((r) => r[2] === false).map((r) => r[0]),
      staticDir,
    })),
  ];
  const stats = bundleStats(path.join(root, ".next"));
  const rows = routes.map(([route, pattern]) => {
    const result = measured.find((m) => m.route === route);
    const expected = stats.get(pattern) ?? [];
    const extra = result.files.filter((f) => !expected.includes(f));
    const missing = expected.filter((f) => !result.files.includes(f));
    return { ...result, pattern, extra, missing };
  });
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
  const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7);
  console.log(
    `${"route".padEnd(28)} ${"raw KB".padStart(7)} ${"gzip KB".padStart(7)} files  stats`,
  );
  for (const row of rows) {
    const status = row.gzipBytes > BUDGET_KB * 1024 ? " OVER" : "";
    const agree =
      row.extra.length || row.missing.length
        ? `differs (+${row.extra.join(",")} -${row.missing.join(",")})`
        : "same";
    console.log(
      `${row.pattern.padEnd(28)} ${kb(row.rawBytes)} ${kb(row.gzipBytes)} ${String(row.files.length).padStart(5)}  ${agree}${status}`,
    );
    if (status) over++;
  }
  console.log(`gzip: zlib level 9; budget ${BUDGET_KB} KB gzip per route; ${over} over`);
} finally {
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}
if (check && over) process.exit(1);
