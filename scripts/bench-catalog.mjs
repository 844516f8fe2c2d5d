#!/usr/bin/env node
// Benchmark of the catalog pages at scale: the embedded hub loaded with 10,000
// widgets and 1,000,000 interaction events, the production build, a signed-in
// admin, and sequential GETs of the catalog list, a filtered list, a search and
// two item pages. It prints figures (median, p90, HTML size, ratio to the
// `/api/health` baseline measured in the same run) and exits 0: it is a
// measurement, not a timed test. With `--check` it exits 1 when a figure is
// over its budget (a catalog page's median under 100 ms, a list page's HTML
// under 100 KB).
//
//   node scripts/bench-catalog.mjs [--check] [--keep] [--data-dir DIR]
//     [--widgets 10000] [--events 1000000] [--runs 50] [--warmup 5]
//     [--max-seconds 120]   (timing of one page stops after that, with >= 5 runs)
//
// --data-dir DIR keeps the data in DIR (never removed) and, when DIR already
// holds a loaded benchmark database, skips the load: handy to re-measure.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import Database from "better-sqlite3";
import { startAppServer } from "./app-server.mjs";
import { buildIfNeeded } from "./build-if-needed.mjs";

const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "data-dir": { type: "string" },
    widgets: { type: "string", default: "10000" },
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "50" },
    warmup: { type: "string", default: "5" },
    "max-seconds": { type: "string", default: "120" },
    seed: { type: "string", default: "20261129" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(readFileSync(new URL(import.meta.url), "utf8").match(/^(\/\/.*\n)+/m)[0]);
  process.exit(0);
}
const WIDGETS = positive("widgets");
const EVENTS = positive("events");
const RUNS = positive("runs");
const WARMUP = Number(args.warmup);

const BUDGET_MEDIAN_MS = 100;
const BUDGET_LIST_KB = 100;
const MAX_SECONDS_PER_PAGE = Number(args["max-seconds"]);
const DAY_MS = 86_400_000;
const LOAD_MARKER = "bench-load.json";
// The embedded hub on SQLite, whatever the shell exports (empty means unset),
// and no background probes of the loaded, made-up endpoints.
const SERVER_ENV = {
  DATABASE_URL: "",
  INTERHUB_URL: "",
  OPS_HUB_HUB_SLUG: "ops-hub",
  OPS_HUB_PROBES: "off",
};

function positive(name) {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
}

// ------------------------------------------------------------------ random data

/** A seeded generator, so two runs load the same shape (ids stay random UUIDs). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(args.seed));
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
function weighted(entries) {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of entries) {
    r -= weight;
    if (r < 0) return value;
  }
  return entries[entries.length - 1][0];
}
function sample(list, count) {
  const copy = [...list];
  const out = [];
  while (out.length < count && copy.length > 0)
    out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
  return out;
}
/** A standard normal variate (Box–Muller). */
function normal() {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const pad = (n, width = 3) => String(n).padStart(width, "0");
const title = (text) =>
  text.replace(/(^|-)(\w)/g, (_, dash, c) => (dash ? " " : "") + c.toUpperCase());

// The four seeded environments, with how much of the estate each holds.
const ENVIRONMENTS = [
  { slug: "ops-env-coulombcore", short: "coulombcore", weight: 0.35, ip: "92.205.130.254" },
  { slug: "ops-env-local", short: "local", weight: 0.1, ip: null },
  { slug: "ops-env-railiance01", short: "railiance01", weight: 0.2, ip: "92.205.62.239" },
  { slug: "ops-env-threephoenix-prod", short: "threephoenix", weight: 0.35, ip: "92.205.63.10" },
];
const pickEnvironment = () => weighted(ENVIRONMENTS.map((env) => [env, env.weight]));

// How the generated widgets spread over the manifest's 14 types (environments
// are the four seeded ones).
const TYPE_WEIGHTS = [
  ["ops-host", 120],
  ["ops-cluster", 24],
  ["ops-service", 3000],
  ["ops-service-catalog", 10],
  ["ops-endpoint", 3000],
  ["ops-release", 1600],
  ["ops-backup-set", 500],
  ["ops-secret-set", 300],
  ["ops-runbook", 300],
  ["ops-incident", 400],
  ["ops-migration-wave", 6],
  // With the seed's eight, the CoulombCore → ThreePhoenix wave holds 50 gates.
  ["ops-readiness-gate", 42],
  ["ops-risk", 600],
];

const COMPONENTS = [
  "api-gateway",
  "auth",
  "billing",
  "search",
  "notifications",
  "scheduler",
  "ingest",
  "reports",
  "web",
  "admin",
  "metrics",
  "logs",
  "tracing",
  "queue",
  "cache",
  "mail",
  "chat",
  "wiki",
  "ci-runner",
  "gitea-runner",
  "gitea-mirror",
  "registry-proxy",
  "dns",
  "ingress",
  "cert-manager",
  "backup-agent",
  "keycloak",
  "grafana",
  "prometheus",
  "loki",
  "tempo",
  "minio",
  "nats",
  "argo",
  "renovate",
  "matrix",
  "state-sync",
  "hub-bridge",
];
const DATA_KINDS = [
  ["postgresql", "PostgreSQL", 5],
  ["postgresql-cnpg", "PostgreSQL (CNPG)", 2],
  ["redis", "Redis", 2],
  ["pvc", "volume (PVC)", 3],
  ["minio", "object store", 1],
];
const REPOS = [
  "railiance-apps",
  "railiance-platform",
  "railiance-infra",
  "railiance-cluster",
  "inter-hub",
  "ops-hub",
  "state-hub",
  "coulomb-web",
  "helix-forge",
  "billing-service",
  "search-service",
  "observability",
];
const TEAMS = ["platform", "apps", "data", "security"];
const NAMESPACES = ["default", "apps", "databases", "monitoring", "ingress", "ci", "storage"];
const SHA = () =>
  Math.floor(random() * 0xfffffff)
    .toString(16)
    .padStart(7, "0");

// Events per widget type: [event type, events per widget and year (relative)].
const EVENT_PLAN = {
  "ops-environment": [["ops-inventory-updated", 12]],
  "ops-host": [
    ["ops-inventory-updated", 12],
    ["ops-drift-detected", 2],
  ],
  "ops-cluster": [
    ["ops-health-checked", 365],
    ["ops-inventory-updated", 24],
    ["ops-drift-detected", 4],
  ],
  "ops-service": [
    ["ops-health-checked", 120],
    ["ops-service-discovered", 1],
    ["ops-drift-detected", 1],
  ],
  "ops-service-catalog": [["ops-inventory-updated", 12]],
  "ops-endpoint": [["ops-endpoint-verified", 150]],
  "ops-release": [["ops-release-observed", 8]],
  "ops-backup-set": [
    ["ops-backup-verified", 52],
    ["ops-restore-tested", 6],
  ],
  "ops-secret-set": [
    ["ops-inventory-updated", 4],
    ["ops-drift-detected", 1],
  ],
  "ops-runbook": [["ops-runbook-executed", 6]],
  "ops-incident": [["ops-inventory-updated", 3]],
  "ops-readiness-gate": [
    ["ops-readiness-gate-updated", 12],
    ["ops-migration-gate-passed", 4],
    ["ops-migration-gate-failed", 1],
  ],
  "ops-migration-wave": [["ops-inventory-updated", 6]],
  "ops-risk": [
    ["ops-risk-raised", 1],
    ["ops-risk-accepted", 1],
  ],
};
/** Event types that are evidence: their metadata carries an outcome. */
const EVIDENCE = new Set([
  "ops-health-checked",
  "ops-endpoint-verified",
  "ops-release-observed",
  "ops-backup-verified",
  "ops-restore-tested",
  "ops-runbook-executed",
  "ops-migration-gate-passed",
  "ops-migration-gate-failed",
]);
const FAIL_RATE = 0.05;

/** Splits `total` over `weights` in whole numbers that add up exactly (largest remainders). */
function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--)
    counts[order[k][1]] += 1;
  return counts;
}

/**
 * The widgets to add next to the seeded ones: references by slug to
 * environments, hosts, clusters and services, the way the seed writes them.
 */
function generateWidgets(existing, count, now) {
  const bySlug = new Map(existing.map((w) => [w.slug, w]));
  const added = [];
  const counts = apportion(
    count,
    TYPE_WEIGHTS.map(([, weight]) => weight),
  );
  const wanted = Object.fromEntries(TYPE_WEIGHTS.map(([type], i) => [type, counts[i]]));
  const envOf = new Map(); // slug → environment entry
  const ofType = (type) => [...bySlug.values()].filter((w) => w.widget_type === type);
  for (const w of existing) {
    const env = ENVIRONMENTS.find((e) => e.slug === w.metadata.environment);
    if (env) envOf.set(w.slug, env);
  }
  const createdAt = () =>
    new Date(
      chance(0.7) ? now - 365 * DAY_MS - random() * 60 * DAY_MS : now - random() * 365 * DAY_MS,
    ).toISOString();
  const add = (widget_type, slug, name, metadata, env, extra = {}) => {
    if (bySlug.has(slug)) slug = `${slug}-${pad(added.length, 5)}`;
    const widget = { widget_type, slug, name, metadata, created_at: createdAt(), ...extra };
    bySlug.set(slug, widget);
    added.push(widget);
    if (env) envOf.set(slug, env);
    return widget;
  };
  const inEnv = (list, env) => list.filter((w) => envOf.get(w.slug) === env);

  // Hosts and clusters.
  const hostCounter = new Map();
  for (let i = 0; i < wanted["ops-host"]; i++) {
    const env = pickEnvironment();
    const n = (hostCounter.get(env) ?? 0) + 1;
    hostCounter.set(env, n);
    add(
      "ops-host",
      `ops-host-${env.short}-node-${pad(n)}`,
      `${env.short}-node-${pad(n)}`,
      {
        environment: env.slug,
        ...(env.ip ? { publicIp: `92.205.${int(1, 254)}.${int(1, 254)}` } : {}),
        provider: env.short === "local" ? "workstation" : pick(["hosteurope", "hetzner"]),
        os: pick(["Debian 12", "Debian 13", "Ubuntu 24.04"]),
        roles: sample(
          ["kubernetes", "storage", "ingress", "database", "ci", "monitoring"],
          int(1, 3),
        ),
      },
      env,
    );
  }
  const hosts = ofType("ops-host");
  for (let i = 0; i < wanted["ops-cluster"]; i++) {
    const env = pickEnvironment();
    const candidates = inEnv(hosts, env);
    add(
      "ops-cluster",
      `ops-cluster-${env.short}-${pad(i + 1)}`,
      `${title(env.short)} Kubernetes ${i + 1}`,
      {
        environment: env.slug,
        hosts: sample(candidates, int(1, 5)).map((h) => h.slug),
        distribution: pick(["k3s", "rke2", "kubeadm"]),
        kubeContext: `${env.short}-${i + 1}`,
      },
      env,
    );
  }
  const clusters = ofType("ops-cluster");

  // Services: one busy gateway in CoulombCore that much of the estate leans on,
  // then the rest, each depending on earlier services of its environment.
  const services = ofType("ops-service");
  const serviceCounter = new Map();
  const coulombcore = ENVIRONMENTS[0];
  let busy;
  for (let i = 0; i < wanted["ops-service"]; i++) {
    const env = i === 0 ? coulombcore : pickEnvironment();
    const component = i === 0 ? "api-gateway" : pick(COMPONENTS);
    const data = i > 0 && chance(0.25) ? weighted(DATA_KINDS.map((k) => [k, k[2]])) : undefined;
    const key = `${env.short}-${component}${data ? `-${data[0]}` : ""}`;
    const n = (serviceCounter.get(key) ?? 0) + 1;
    serviceCounter.set(key, n);
    const local = inEnv(services, env);
    const runsOnChoices =
      inEnv(clusters, env).length > 0 ? inEnv(clusters, env) : inEnv(hosts, env);
    const stores = local.filter((s) => s.metadata.tier === "data");
    const dependsOn = [
      ...sample(stores, data ? 0 : int(0, 2)),
      ...sample(
        local.filter((s) => s.metadata.tier !== "data"),
        data ? 0 : int(0, 2),
      ),
    ].map((s) => s.slug);
    if (busy && env === coulombcore && chance(0.15)) dependsOn.push(busy.slug);
    if (!data && chance(0.03)) dependsOn.push("ops-service-gitea");
    const owner = chance(0.9)
      ? chance(0.8)
        ? { repo: pick(REPOS) }
        : { team: pick(TEAMS) }
      : undefined;
    const metadata = {
      ...(chance(0.95)
        ? {
            purpose: data
              ? `The ${data[1]} of ${component} in ${title(env.short)}.`
              : `${title(component)} for ${pick(["the platform", "customers", "operators", "the migration", "CI"])}, instance ${n} in ${title(env.short)}.`,
          }
        : {}),
      ...(owner ? { owner } : {}),
      environment: env.slug,
      ...(runsOnChoices.length > 0 && (env.short !== "local" || chance(0.3))
        ? { runsOn: pick(runsOnChoices).slug }
        : {}),
      namespace: data ? "databases" : pick(NAMESPACES),
      ...(data ? {} : { release: `${component}-${n}` }),
      ...(dependsOn.length ? { dependsOn: [...new Set(dependsOn)] } : {}),
      ...(dependsOn.some((slug) => bySlug.get(slug)?.metadata.tier === "data")
        ? { dataStores: dependsOn.filter((slug) => bySlug.get(slug)?.metadata.tier === "data") }
        : {}),
      tier: data
        ? "data"
        : i === 0
          ? "critical"
          : weighted([
              ["critical", 1],
              ["important", 3],
              ["supporting", 4],
            ]),
      ...(data ? { kind: data[0] } : {}),
    };
    const service = add(
      "ops-service",
      `ops-service-${key}-${pad(n)}`,
      i === 0
        ? "API gateway (CoulombCore edge)"
        : `${title(component)}${data ? ` ${data[1]}` : ""} ${n} (${title(env.short)})`,
      metadata,
      env,
    );
    services.push(service);
    if (i === 0) busy = service;
  }
  const apps = services.filter((s) => s.metadata.tier !== "data");
  const dataStores = services.filter((s) => s.metadata.tier === "data");

  // Endpoints and releases of services (the busy gateway has many of both).
  for (let i = 0; i < wanted["ops-endpoint"]; i++) {
    const service = busy && i < 40 ? busy : pick(apps);
    const env = envOf.get(service.slug);
    const exposure = weighted([
      ["public", 4],
      ["internal", 4.5],
      ["nodeport", env?.ip ? 1.5 : 0],
    ]);
    const host = `${service.slug.replace(/^ops-service-/, "")}`;
    const route = pick(["/", "/healthz", "/api/v1/status", "/metrics", "/v2/", "/login"]);
    const url =
      exposure === "public"
        ? `https://${host}.${env?.short ?? "ops"}.coulomb.social${route}`
        : exposure === "nodeport"
          ? `http://${env.ip}:${int(30000, 32767)}${route}`
          : `http://${host}.${service.metadata.namespace ?? "default"}.svc.cluster.local:${pick([80, 8080, 3000, 9090])}${route}`;
    add(
      "ops-endpoint",
      `ops-endpoint-${host}-${pad(i + 1, 4)}`,
      `${service.name} ${route === "/" ? "root" : route}`,
      {
        service: service.slug,
        url,
        exposure,
        ...(chance(0.7) ? { probe: { expectedStatus: route === "/v2/" ? 401 : 200 } } : {}),
      },
    );
  }
  for (let i = 0; i < wanted["ops-release"]; i++) {
    const service = busy && i < 25 ? busy : pick(services);
    const sha = SHA();
    const component = service.slug.replace(/^ops-service-[a-z0-9]+-/, "").replace(/-\d+$/, "");
    add(
      "ops-release",
      `ops-release-${service.slug.replace(/^ops-service-/, "")}-${sha}`,
      `${component} ${sha}`,
      {
        service: service.slug,
        image: `gitea.coulomb.social/coulomb/${component}:${sha}`,
        version: `${int(0, 4)}.${int(0, 30)}.${int(0, 20)}`,
      },
    );
  }

  // Backup sets over the data stores (most of them covered).
  const unprotected = sample(dataStores, dataStores.length);
  for (let i = 0; i < wanted["ops-backup-set"]; i++) {
    const first = unprotected.shift() ?? pick(dataStores);
    const env = envOf.get(first.slug);
    const more = unprotected.filter((s) => envOf.get(s.slug) === env).slice(0, chance(0.3) ? 1 : 0);
    for (const s of more) unprotected.splice(unprotected.indexOf(s), 1);
    const protects = [first, ...more];
    add(
      "ops-backup-set",
      `ops-backup-${first.slug.replace(/^ops-service-/, "")}`,
      `Backups of ${protects.map((s) => s.name).join(" and ")}`,
      {
        protects: protects.map((s) => s.slug),
        schedule: pick(["daily 02:00 UTC", "hourly", "every 6 hours", "weekly"]),
        location: pick([
          "minio://backups",
          "hosteurope-storagebox",
          "s3://coulomb-backups",
          "restic@nas",
        ]),
        retention: pick(["7 daily, 4 weekly", "30 days", "14 days", "90 days"]),
        ...(chance(0.3) ? { backupCadenceDays: pick([1, 2, 7]) } : {}),
        ...(chance(0.3) ? { restoreTestCadenceDays: pick([30, 60, 90]) } : {}),
      },
    );
  }

  for (let i = 0; i < wanted["ops-secret-set"]; i++) {
    const service = pick(services);
    add(
      "ops-secret-set",
      `ops-secret-set-${service.slug.replace(/^ops-service-/, "")}-${pad(i + 1)}`,
      `Secrets of ${service.name}`,
      {
        custody: pick([
          `OpenBao platform/apps/${service.slug.replace(/^ops-service-/, "")}`,
          "SOPS/age",
          "Kubernetes secret (sealed)",
        ]),
        owners: sample(["worsch", "ops", "platform", "apps"], int(1, 2)),
      },
    );
  }

  for (let i = 0; i < wanted["ops-runbook"]; i++) {
    const items = sample(services, int(1, 3));
    const covers = sample(
      ["deploy", "restore", "rotate", "incident", "rollback", "upgrade"],
      int(1, 3),
    );
    add(
      "ops-runbook",
      `ops-runbook-${covers[0]}-${pad(i + 1)}`,
      `${title(covers[0])}: ${items[0].name}`,
      {
        covers,
        items: items.map((s) => s.slug),
        location: `railiance-apps/runbooks/${covers[0]}-${pad(i + 1)}.md`,
      },
    );
  }

  for (let i = 0; i < wanted["ops-incident"]; i++) {
    const affects = sample(chance(0.5) ? services : apps, int(1, 2));
    const start = now - random() * 365 * DAY_MS;
    const status = weighted([
      ["resolved", 17],
      ["mitigated", 2],
      ["open", 1],
    ]);
    add(
      "ops-incident",
      `ops-incident-${new Date(start).toISOString().slice(0, 10)}-${pad(i + 1)}`,
      `${pick(["Outage", "Degradation", "Certificate expiry", "Disk full", "Failed deploy"])} of ${affects[0].name}`,
      {
        severity: weighted([
          ["sev1", 1],
          ["sev2", 3],
          ["sev3", 6],
          ["sev4", 6],
        ]),
        status,
        affects: affects.map((s) => s.slug),
        start: new Date(start).toISOString(),
        ...(status === "resolved"
          ? { end: new Date(start + random() * 2 * DAY_MS).toISOString() }
          : {}),
      },
    );
  }

  for (let i = 0; i < wanted["ops-migration-wave"]; i++) {
    const [from, to] = sample(ENVIRONMENTS, 2);
    add(
      "ops-migration-wave",
      `ops-migration-${from.short}-to-${to.short}-${i + 1}`,
      `${title(from.short)} → ${title(to.short)} (wave ${i + 1})`,
      {
        fromEnvironment: from.slug,
        toEnvironment: to.slug,
        targetDate: chance(0.5)
          ? new Date(now + random() * 180 * DAY_MS).toISOString().slice(0, 10)
          : null,
      },
    );
  }
  for (let i = 0; i < wanted["ops-readiness-gate"]; i++) {
    const env = pickEnvironment();
    const kind = pick(["health", "endpoints", "exists", "manual"]);
    const requirements =
      kind === "health"
        ? [
            {
              kind: "evidence",
              label: `services in ${title(env.short)} pass health checks`,
              eventType: "ops-health-checked",
              selector: { widgetType: "ops-service", environment: env.slug },
              maxAgeDays: 7,
            },
          ]
        : kind === "endpoints"
          ? [
              {
                kind: "evidence",
                label: "every public endpoint verified",
                eventType: "ops-endpoint-verified",
                selector: { widgetType: "ops-endpoint", metadata: { exposure: "public" } },
                maxAgeDays: 7,
              },
            ]
          : kind === "exists"
            ? [
                {
                  kind: "exists",
                  label: `services catalogued in ${title(env.short)}`,
                  selector: { widgetType: "ops-service", environment: env.slug },
                },
              ]
            : [{ kind: "manual", label: "a reviewer signs off", maxAgeDays: 30 }];
    add(
      "ops-readiness-gate",
      `ops-readiness-${kind}-${env.short}-${pad(i + 1)}`,
      `${title(kind)} ready in ${title(env.short)} (${i + 1})`,
      {
        wave: "ops-migration-coulombcore-to-threephoenix",
        order: 10 + i,
        ownerRepo: pick(REPOS),
        evidenceRequirement: `${title(kind)} evidence for ${title(env.short)}.`,
        rule: { requirements },
      },
    );
  }

  const riskTargets = [...services, ...ofType("ops-endpoint"), ...ofType("ops-backup-set")];
  for (let i = 0; i < wanted["ops-risk"]; i++) {
    const appliesTo = sample(riskTargets, int(1, 3));
    add(
      "ops-risk",
      `ops-risk-${pad(i + 1, 4)}`,
      `${pick(["Single point of failure", "Unpatched image", "Untested restore", "Manual deploy", "Expiring certificate", "Shared credentials"])}: ${appliesTo[0].name}`,
      {
        severity: pick(["low", "medium", "high", "critical"]),
        likelihood: pick(["rare", "possible", "likely"]),
        appliesTo: appliesTo.map((w) => w.slug),
        policyScope: pick([
          "ops-local",
          "ops-transitional-prod",
          "ops-production",
          "ops-threephoenix",
          "ops-registry",
          "ops-secrets",
          "ops-backup-retention",
        ]),
      },
    );
  }

  for (let i = 0; i < wanted["ops-service-catalog"]; i++) {
    const repo = pick(REPOS);
    add("ops-service-catalog", `ops-catalog-${repo}-${pad(i + 1)}`, `${repo} service catalog`, {
      purpose: `What ${repo} runs, where and why.`,
      owner: { repo },
    });
  }

  return { added, busy };
}

// ------------------------------------------------------------------ loading

function readSeeded(db) {
  const hub = db.prepare("select id from hubs where slug = 'ops-hub'").get();
  if (!hub) throw new Error("the ops-hub hub is missing: the first start did not seed it");
  const consumer = db
    .prepare("select id from api_consumers where name = 'ops-hub-runtime' and hub_id = ?")
    .get(hub.id);
  const widgets = db
    .prepare(
      "select id, widget_type, slug, name, metadata, created_at from widgets where hub_id = ?",
    )
    .all(hub.id)
    .map((w) => ({ ...w, metadata: JSON.parse(w.metadata), seeded: true }));
  return { hubId: hub.id, consumerId: consumer?.id ?? null, widgets };
}

function eventMetadata(type, widget, outcome, at) {
  switch (type) {
    case "ops-endpoint-verified": {
      const expected = widget.metadata.probe?.expectedStatus ?? 200;
      return {
        outcome,
        observer: "ops-probe",
        endpoint: widget.metadata.url,
        expectedStatus: expected,
        observedStatus: outcome === "pass" ? expected : pick([0, 502, 503, 504]),
        latencyMs: int(8, outcome === "pass" ? 400 : 10_000),
      };
    }
    case "ops-health-checked":
      return { outcome, observer: "ops-probe", check: "readiness", latencyMs: int(2, 300) };
    case "ops-backup-verified":
      return {
        outcome,
        observer: "backup-agent",
        snapshot: at.slice(0, 10),
        sizeBytes: int(1e6, 5e10),
      };
    case "ops-restore-tested":
      return {
        outcome,
        observer: "operator",
        restoredTo: "scratch namespace",
        durationMin: int(2, 90),
      };
    case "ops-release-observed":
      return { outcome, observer: "argo", image: widget.metadata.image ?? null };
    case "ops-runbook-executed":
      return { outcome, observer: pick(["worsch", "ops", "platform"]), step: "all" };
    case "ops-migration-gate-passed":
      return { outcome: "pass", observer: "readiness-review" };
    case "ops-migration-gate-failed":
      return { outcome: "fail", observer: "readiness-review" };
    case "ops-drift-detected":
      return { observer: "ops-drift", field: pick(["image", "replicas", "values", "dns"]) };
    case "ops-risk-raised":
    case "ops-risk-accepted":
      return {
        observer: "worsch",
        until: new Date(Date.parse(at) + 90 * DAY_MS).toISOString().slice(0, 10),
      };
    default:
      return { observer: "ops-inventory", change: pick(["metadata", "owner", "placement"]) };
  }
}

function load(dataDir) {
  const file = path.join(dataDir, "ops-hub.sqlite");
  const db = new Database(file);
  const started = performance.now();
  const lap = (() => {
    let last = started;
    return (label) => {
      const t = performance.now();
      console.log(`  ${label.padEnd(56)} ${((t - last) / 1000).toFixed(1).padStart(6)} s`);
      last = t;
    };
  })();
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1048576");
  db.pragma("temp_store = MEMORY");
  db.pragma("foreign_keys = OFF");

  const now = Date.now();
  const seeded = readSeeded(db);
  const toAdd = Math.max(0, WIDGETS - seeded.widgets.length);
  const { added, busy } = generateWidgets(seeded.widgets, toAdd, now);
  lap(`generated ${added.length} widgets`);

  const insertWidget = db.prepare(
    "insert into widgets (id, hub_id, widget_type, slug, name, metadata, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?)",
  );
  const insertVersion = db.prepare(
    "insert into widget_versions (id, widget_id, version, change, snapshot, recorded_by, created_at) values (?, ?, 1, 'created', ?, ?, ?)",
  );
  db.transaction(() => {
    for (const w of added) {
      w.id = randomUUID();
      const metadata = JSON.stringify(w.metadata);
      insertWidget.run(
        w.id,
        seeded.hubId,
        w.widget_type,
        w.slug,
        w.name,
        metadata,
        w.created_at,
        w.created_at,
      );
      // The snapshot is the widget in its wire shape, as the embedded hub records it.
      const snapshot = JSON.stringify({
        id: w.id,
        hubId: seeded.hubId,
        widgetType: w.widget_type,
        slug: w.slug,
        name: w.name,
        metadata: w.metadata,
        version: 1,
        createdAt: w.created_at,
        updatedAt: w.created_at,
      });
      insertVersion.run(randomUUID(), w.id, snapshot, seeded.consumerId, w.created_at);
    }
  })();
  lap(`inserted ${added.length} widgets and their versions`);

  // Events: per widget and event type a share of the total, by the type's rate
  // and the widget's activity (a tenth never checked, the busy gateway 40×),
  // spread over the last 365 days; a sixth of the series stopped some days ago.
  const all = [...seeded.widgets, ...added];
  const series = [];
  for (const widget of all) {
    const silent =
      !widget.seeded &&
      ["ops-endpoint", "ops-service", "ops-backup-set"].includes(widget.widget_type) &&
      chance(0.1);
    const activity = widget === busy ? 40 : silent ? 0 : Math.exp(0.7 * normal());
    for (const [type, rate] of EVENT_PLAN[widget.widget_type] ?? [])
      series.push({ widget, type, weight: rate * activity });
  }
  const counts = apportion(
    EVENTS,
    series.map((s) => s.weight),
  );
  const windowStart = now - 365 * DAY_MS;
  const insertEvent = db.prepare(
    "insert into interaction_events (id, hub_id, widget_id, event_type, view_context, metadata, recorded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const upsertLatest = db.prepare(
    `insert into latest_events (widget_id, event_type, hub_id, event_id, created_at) values (?, ?, ?, ?, ?)
     on conflict (widget_id, event_type) do update set event_id = excluded.event_id, created_at = excluded.created_at
     where excluded.created_at > latest_events.created_at
        or (excluded.created_at = latest_events.created_at and excluded.event_id > latest_events.event_id)`,
  );
  let fails = 0;
  let latestRows = 0;
  db.transaction(() => {
    series.forEach((s, index) => {
      const count = counts[index];
      if (count === 0) return;
      // The seed stands for an estate that existed before the hub: its history spans the window.
      const start = s.widget.seeded
        ? windowStart
        : Math.max(windowStart, Date.parse(s.widget.created_at));
      const end = chance(1 / 6) ? now - (2 + random() * 120) * DAY_MS : now;
      const span = Math.max(60_000, end - start);
      let newest = { at: "", id: "" };
      for (let k = 0; k < count; k++) {
        const at = new Date(Math.min(now, start + random() * span)).toISOString();
        const id = randomUUID();
        const outcome = chance(FAIL_RATE) ? "fail" : "pass";
        const metadata = eventMetadata(s.type, s.widget, outcome, at);
        if (metadata.outcome === "fail") fails++;
        insertEvent.run(
          id,
          seeded.hubId,
          s.widget.id,
          s.type,
          EVIDENCE.has(s.type) ? "ops-probe/scheduled" : null,
          JSON.stringify(metadata),
          seeded.consumerId,
          at,
        );
        if (at > newest.at || (at === newest.at && id > newest.id)) newest = { at, id };
      }
      upsertLatest.run(s.widget.id, s.type, seeded.hubId, newest.id, newest.at);
      latestRows++;
    });
  })();
  lap(`inserted ${EVENTS} events (${fails} failing), ${latestRows} latest`);

  db.pragma("journal_mode = WAL");
  db.close();
  lap("closed the database");
  const seconds = (performance.now() - started) / 1000;
  const typeCounts = {};
  for (const w of all) typeCounts[w.widget_type] = (typeCounts[w.widget_type] ?? 0) + 1;
  const summary = {
    widgets: all.length,
    added: added.length,
    events: EVENTS,
    latestRows,
    busy: busy?.slug,
    typeCounts,
    loadSeconds: seconds,
    databaseMB: statSync(file).size / 1e6,
  };
  writeFileSync(path.join(dataDir, LOAD_MARKER), JSON.stringify(summary, null, 2));
  return summary;
}

// ------------------------------------------------------------------ HTTP

async function signIn(base, password) {
  const jar = new Map();
  const keep = (response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
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
  if (!session)
    throw new Error(`sign-in failed: ${response.status} → ${response.headers.get("location")}`);
  return `authjs.session-token=${session}`;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET as a browser would send it (gzip accepted), timed to the last byte. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = httpRequest(
      url,
      { agent, headers: { accept: "text/html,*/*", "accept-encoding": "gzip", ...headers } },
      (response) => {
        const ttfb = performance.now() - started;
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const ms = performance.now() - started;
          const wire = Buffer.concat(chunks);
          const encoding = response.headers["content-encoding"];
          const body =
            encoding === "gzip"
              ? gunzipSync(wire)
              : encoding === "br"
                ? brotliDecompressSync(wire)
                : encoding === "deflate"
                  ? inflateSync(wire)
                  : wire;
          resolve({
            status: response.statusCode,
            location: response.headers.location,
            ttfb,
            ms,
            wireBytes: wire.length,
            body,
          });
        });
      },
    );
    request.on("error", reject);
    request.end();
  });
}

const median = (sorted) =>
  sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function measure(base, headers, target) {
  headers = { ...headers, ...target.headers };
  const first = await get(`${base}${target.path}`, headers);
  for (let i = 1; i < WARMUP; i++) await get(`${base}${target.path}`, headers);
  const times = [];
  const ttfbs = [];
  const statuses = new Map();
  let last = first;
  // A very slow page stops early (after at least 5 runs) so the run stays bounded.
  const deadline = performance.now() + MAX_SECONDS_PER_PAGE * 1000;
  for (let i = 0; i < RUNS && (i < 5 || performance.now() < deadline); i++) {
    last = await get(`${base}${target.path}`, headers);
    times.push(last.ms);
    ttfbs.push(last.ttfb);
    statuses.set(last.status, (statuses.get(last.status) ?? 0) + 1);
  }
  times.sort((a, b) => a - b);
  ttfbs.sort((a, b) => a - b);
  console.log(
    `  ${target.label.padEnd(26)} median ${median(times).toFixed(1).padStart(7)} ms  (${times.length} runs)`,
  );
  return {
    ...target,
    runs: times.length,
    first: first.ms,
    median: median(times),
    p90: quantile(times, 0.9),
    max: times[times.length - 1],
    ttfb: median(ttfbs),
    kb: last.body.length / 1024,
    gzipKb: last.wireBytes / 1024,
    status: [...statuses.keys()].join("/"),
    ok: statuses.size === 1 && statuses.has(200),
    location: last.location,
    flight: flightShare(last),
  };
}

/** The share of an HTML page spent on the inline React Server Components payload. */
function flightShare(response) {
  const html = response.body.toString("utf8");
  if (!html.startsWith("<!DOCTYPE")) return undefined;
  let bytes = 0;
  for (const match of html.matchAll(/<script[^>]*>self\.__next_f\.push\(.*?\)<\/script>/gs))
    bytes += match[0].length;
  return (100 * bytes) / html.length;
}

function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name) =>
      Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN) / 1024;
    return { rss: field("VmRSS"), peak: field("VmHWM") };
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------ main

console.log("[bench] production build (rebuilt only when sources changed)");
buildIfNeeded();
const own = !args["data-dir"];
const dataDir = own
  ? mkdtempSync(path.join(tmpdir(), "ops-hub-bench-"))
  : path.resolve(args["data-dir"]);
let server;
let exitCode = 0;
try {
  let summary;
  if (existsSync(path.join(dataDir, LOAD_MARKER))) {
    summary = JSON.parse(readFileSync(path.join(dataDir, LOAD_MARKER), "utf8"));
    console.log(`[bench] reusing the loaded database in ${dataDir}`);
  } else {
    console.log(`[bench] first start on ${dataDir} (seeds the ops-hub hub, keys, admin)`);
    const first = await startAppServer({ name: "bench-seed", dataDir, env: SERVER_ENV });
    await first.stop();
    console.log(`[bench] loading ${WIDGETS} widgets and ${EVENTS} events into ops-hub.sqlite`);
    summary = load(dataDir);
  }
  console.log(
    `[bench] hub holds ${summary.widgets} widgets (${summary.added} loaded), ${summary.events} loaded events, ` +
      `${summary.latestRows} latest rows; load ${summary.loadSeconds.toFixed(1)} s, database ${summary.databaseMB.toFixed(0)} MB`,
  );
  console.log(
    "[bench] widgets by type: " +
      Object.entries(summary.typeCounts)
        .sort((a, b) => b[1] - a[1])
        .map(([type, n]) => `${type.replace(/^ops-/, "")} ${n}`)
        .join(", "),
  );

  const startedAt = performance.now();
  server = await startAppServer({ name: "bench", dataDir, env: SERVER_ENV });
  console.log(
    `[bench] server ready at ${server.url} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (pid ${server.pid})`,
  );
  const passwordFile = path.join(dataDir, "initial-admin-password");
  const password = existsSync(passwordFile)
    ? readFileSync(passwordFile, "utf8").trim()
    : process.env.OPS_HUB_ADMIN_PASSWORD;
  if (!password) throw new Error(`no admin password: ${passwordFile} is missing`);
  const cookie = await signIn(server.url, password);
  const signedOut = await get(`${server.url}/`);
  const signedIn = await get(`${server.url}/`, { cookie });
  console.log(
    `[bench] signed in as admin: GET / answers ${signedIn.status} (signed out: ${signedOut.status} → ${signedOut.location ?? "-"})`,
  );
  if (signedIn.status !== 200)
    throw new Error(`GET / with the session answers ${signedIn.status}, not 200`);

  const busy = summary.busy ?? "ops-service-gitea";
  const runtimeKey = readFileSync(path.join(dataDir, "keys", "ops-hub-runtime.key"), "utf8").trim();
  const since = new Date(Date.now() - 30 * DAY_MS).toISOString();
  const database = new Database(path.join(dataDir, "ops-hub.sqlite"), { readonly: true });
  const sampleIds = database
    .prepare("select id from widgets where widget_type = 'ops-endpoint' order by name limit 50")
    .all()
    .map((row) => row.id);
  database.close();
  const targets = [
    { label: "health (baseline)", path: "/api/health", baseline: true },
    { label: "ready", path: "/api/ready" },
    { label: "home", path: "/" },
    { label: "migrations", path: "/migrations" },
    // The seed wave's board: eight gates whose rules read the whole estate.
    {
      label: "gate board",
      path: "/migrations/ops-migration-coulombcore-to-threephoenix",
      budget: true,
    },
    {
      label: "board JSON",
      path: "/api/migrations/ops-migration-coulombcore-to-threephoenix/board",
      budget: true,
    },
    { label: "catalog list", path: "/catalog", budget: true, list: true },
    {
      label: "catalog filtered",
      path: "/catalog?type=ops-endpoint&env=ops-env-coulombcore",
      budget: true,
      list: true,
    },
    { label: "catalog search", path: "/catalog?q=gitea", budget: true, list: true },
    { label: "item (busy service)", path: `/catalog/${busy}`, budget: true },
    { label: "item (gitea)", path: "/catalog/ops-service-gitea", budget: true },
    // Context, to see where a page's time goes: reads of the embedded hub
    // that the pages make (a page of the snapshot's widget list; the events
    // of 50 items over 30 days, as a list page's evidence strips ask).
    {
      label: "hub: 200 widgets",
      path: "/api/v2/widgets?hub=ops-hub&per_page=200",
      headers: { authorization: `Bearer ${runtimeKey}` },
    },
    {
      label: "hub: events 50 items 30 d",
      path: `/api/v2/interaction-events?hub=ops-hub&per_page=200&since=${since}&widget_id=${sampleIds.join(",")}`,
      display: "/api/v2/interaction-events?widget_id=<50 endpoints>&since=<30 d>",
      headers: { authorization: `Bearer ${runtimeKey}` },
    },
  ];
  console.log(
    `[bench] ${WARMUP} warm-up and ${RUNS} timed sequential GETs per page (at most ${MAX_SECONDS_PER_PAGE} s each)`,
  );
  const results = [];
  for (const target of targets) results.push(await measure(server.url, { cookie }, target));
  const memory = rssOf(server.pid);
  const baseline = results.find((r) => r.baseline).median;

  const rows = results.map((r) => {
    const over = [];
    if (!r.ok) over.push(`HTTP ${r.status}${r.location ? ` → ${r.location}` : ""}`);
    if (r.budget && r.median >= BUDGET_MEDIAN_MS) over.push(`median ≥ ${BUDGET_MEDIAN_MS} ms`);
    if (r.list && r.kb >= BUDGET_LIST_KB) over.push(`HTML ≥ ${BUDGET_LIST_KB} KB`);
    if (over.length && (r.budget || !r.ok)) exitCode = 1;
    return [
      r.label,
      r.display ?? r.path,
      r.status,
      r.runs,
      r.first.toFixed(1),
      r.ttfb.toFixed(1),
      r.median.toFixed(1),
      r.p90.toFixed(1),
      r.max.toFixed(1),
      r.kb.toFixed(1),
      r.gzipKb.toFixed(1),
      r.flight === undefined ? "" : `${r.flight.toFixed(0)}%`,
      r.baseline ? "1.0×" : `${(r.median / baseline).toFixed(1)}×`,
      over.length ? `OVER BUDGET: ${over.join(", ")}` : r.budget ? "ok" : "",
    ];
  });
  const header = [
    "page",
    "path",
    "HTTP",
    "runs",
    "first ms",
    "ttfb ms",
    "median ms",
    "p90 ms",
    "max ms",
    "body KB",
    "gzip KB",
    "RSC %",
    "× health",
    "budget",
  ];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => String(row[i]).length)),
  );
  const numeric = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const line = (cells) =>
    cells
      .map((c, i) => (numeric.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  console.log("");
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log("");
  console.log(
    `budgets: catalog pages median < ${BUDGET_MEDIAN_MS} ms; list pages' HTML < ${BUDGET_LIST_KB} KB (decoded body).\n` +
      `first = the first warm-up request; ttfb = median time to the response headers; gzip = bytes on the wire;\n` +
      `RSC % = share of the HTML that is the inline React Server Components payload; × health = median / health median.`,
  );
  if (memory)
    console.log(
      `server memory: RSS ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB`,
    );
  console.log(
    `${summary.widgets} widgets, ${summary.events} events; Node ${process.version}, up to ${RUNS} timed runs per page; ` +
      `${cpus().length} cores, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")} (another busy process skews every figure).`,
  );
  if (!args.check) exitCode = 0;
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  if (server) console.error(`[bench] server log: ${server.logFile}`);
  exitCode = 2;
} finally {
  await server?.stop();
  // A failed run keeps its data (and the server log) to look into.
  if (own && !args.keep && exitCode !== 2) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`[bench] data kept in ${dataDir}`);
}
process.exit(exitCode);
