// The benchmark's estate: a seeded generator of a realistic hub at a chosen
// size — widgets of the manifest's 14 types spread over the four seeded
// environments, with references by slug the way the seed writes them (hosts,
// clusters, services depending on services and data stores, endpoints,
// releases, backup sets, a wave of gates…), and a year of interaction events
// per widget by its type's cadence (a tenth of the checks silent, one busy
// gateway with 40× the traffic, a sixth of the series stopped some days ago).
// Two runs with one seed make the same shape; ids stay random UUIDs.
import { randomUUID } from "node:crypto";

export const DAY_MS = 86_400_000;

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
let random = mulberry32(1);
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
/** `count` distinct members of `list` in random order; a few from a long list without copying it. */
function sample(list, count) {
  if (count * 4 < list.length) {
    const chosen = new Set();
    while (chosen.size < count) chosen.add(Math.floor(random() * list.length));
    return [...chosen].map((at) => list[at]);
  }
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
const WAVE_GATES = 42;
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
  // With the seed's eight, the CoulombCore → ThreePhoenix wave holds 50 gates (WAVE_GATES).
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
  // A wave's gates do not grow with the estate: at most 42 beside the seed's 8,
  // the rest of their share goes to services.
  const gates = Math.min(wanted["ops-readiness-gate"], WAVE_GATES);
  wanted["ops-service"] += wanted["ops-readiness-gate"] - gates;
  wanted["ops-readiness-gate"] = gates;
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
  // Lists by environment, built once: filtering the whole estate per item made 100,000 widgets take minutes.
  const byEnvironment = (list) => {
    const lists = new Map(ENVIRONMENTS.map((env) => [env, []]));
    for (const w of list) lists.get(envOf.get(w.slug))?.push(w);
    return lists;
  };

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
  const hostsIn = byEnvironment(hosts);
  for (let i = 0; i < wanted["ops-cluster"]; i++) {
    const env = pickEnvironment();
    const candidates = hostsIn.get(env);
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
  const clustersIn = byEnvironment(ofType("ops-cluster"));

  // Services: one busy gateway in CoulombCore that much of the estate leans on,
  // then the rest, each depending on earlier services of its environment.
  const services = ofType("ops-service");
  const isStore = (s) => s.metadata.tier === "data";
  const storesIn = byEnvironment(services.filter(isStore));
  const appsIn = byEnvironment(services.filter((s) => !isStore(s)));
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
    const runsOnChoices = clustersIn.get(env).length > 0 ? clustersIn.get(env) : hostsIn.get(env);
    const dependsOn = [
      ...sample(storesIn.get(env), data ? 0 : int(0, 2)),
      ...sample(appsIn.get(env), data ? 0 : int(0, 2)),
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
    (isStore(service) ? storesIn : appsIn).get(env).push(service);
    if (i === 0) busy = service;
  }
  const apps = services.filter((s) => !isStore(s));
  const dataStores = services.filter(isStore);

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
  const unprotectedIn = byEnvironment(unprotected);
  const taken = new Set();
  const nextIn = (queue) => {
    while (queue.length > 0 && taken.has(queue[0])) queue.shift();
    return queue.shift();
  };
  for (let i = 0; i < wanted["ops-backup-set"]; i++) {
    let first;
    while (unprotected.length > 0 && !first) {
      const candidate = unprotected.pop();
      if (!taken.has(candidate)) first = candidate;
    }
    first ??= pick(dataStores);
    taken.add(first);
    const env = envOf.get(first.slug);
    const second = chance(0.3) && env ? nextIn(unprotectedIn.get(env)) : undefined;
    if (second) taken.add(second);
    const protects = second ? [first, second] : [first];
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

/**
 * The estate to add beside the seeded widgets (`seeded`: rows as read from the
 * store, `metadata` parsed): `added` widgets to insert, and `rows()`, which
 * yields every event (`{ event }`) and, after each widget's series of one
 * type, the latest of them again (`{ latest }`) — streamed, so a million events never sit
 * in memory at once.
 */
export function planEstate({ seeded, widgets, events, seed, now = Date.now() }) {
  random = mulberry32(seed);
  const marked = seeded.map((w) => ({ ...w, seeded: true }));
  const { added, busy } = generateWidgets(marked, Math.max(0, widgets - marked.length), now);
  for (const w of added) w.id = randomUUID();
  const all = [...marked, ...added];

  // Events: per widget and event type a share of the total, by the type's rate
  // and the widget's activity, spread over the last 365 days.
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
    events,
    series.map((s) => s.weight),
  );
  const windowStart = now - 365 * DAY_MS;

  const stats = { events: 0, fails: 0 };
  function* rows() {
    for (const [index, s] of series.entries()) {
      const count = counts[index];
      if (count === 0) continue;
      // The seed stands for an estate that existed before the hub: its history spans the window.
      const start = s.widget.seeded
        ? windowStart
        : Math.max(windowStart, Date.parse(s.widget.created_at));
      const end = chance(1 / 6) ? now - (2 + random() * 120) * DAY_MS : now;
      const span = Math.max(60_000, end - start);
      let newest;
      for (let k = 0; k < count; k++) {
        const at = new Date(Math.min(now, start + random() * span)).toISOString();
        const id = randomUUID();
        const outcome = chance(FAIL_RATE) ? "fail" : "pass";
        const metadata = eventMetadata(s.type, s.widget, outcome, at);
        if (metadata.outcome === "fail") stats.fails++;
        stats.events++;
        const event = {
          id,
          widget_id: s.widget.id,
          event_type: s.type,
          view_context: EVIDENCE.has(s.type) ? "ops-probe/scheduled" : null,
          metadata: JSON.stringify(metadata),
          created_at: at,
        };
        yield { event };
        if (!newest || at > newest.created_at || (at === newest.created_at && id > newest.id))
          newest = event;
      }
      yield { latest: newest };
    }
  }

  const typeCounts = {};
  for (const w of all) typeCounts[w.widget_type] = (typeCounts[w.widget_type] ?? 0) + 1;
  return { added, busy, total: all.length, typeCounts, rows, stats };
}

/** A widget's version-1 row snapshot: the widget in its wire shape, as the embedded hub records it. */
export function versionSnapshot(widget, hubId) {
  return JSON.stringify({
    id: widget.id,
    hubId,
    widgetType: widget.widget_type,
    slug: widget.slug,
    name: widget.name,
    metadata: widget.metadata,
    version: 1,
    createdAt: widget.created_at,
    updatedAt: widget.created_at,
  });
}
