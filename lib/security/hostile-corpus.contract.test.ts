import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_METADATA_BYTES, MAX_METADATA_DEPTH } from "@/lib/interhub/wire";
import { freshDatabase } from "@/test/fresh-database";
import { startHttpServer, type TestServer } from "@/test/probe-servers";
import { fetchHeaders, rawRequest, type RawAnswer } from "@/test/raw-http";
import { checkedFetch, type OpenApiDocument } from "@/test/openapi-responses";
import { startAppServer, type AppServer } from "../../scripts/app-server.mjs";

/**
 * A hostile-input corpus against a fresh ops-hub server over real HTTP, on
 * SQLite and on PostgreSQL (there with a second instance on the same
 * database): oversized and deep metadata, big chunked bodies, deep JSON, bad
 * escapes, bad Host headers, probes aimed at loopback, link-local metadata,
 * private ranges and `file:`, a ReDoS pattern, forged forwarding headers, key
 * brute force, revoked and expired keys, reused idempotency keys, and writes
 * without the scope or role. Throughout: no 5xx, /api/health answers in
 * under a second, and no write lands that should have been refused.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const HUB = "ops-hub";
const EVENT_TYPE = "ops-runbook-executed";

type Figures = {
  requests: number;
  byStatus: Record<string, number>;
  failedConnections: number;
  healthPolls: number;
  maxHealthMs: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (server: AppServer, file: string) =>
  readFileSync(path.join(server.dataDir, "keys", file), "utf8").trim();

function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < levels; i++) value = { down: value };
  return value;
}

/**
 * Polls /api/health every 100 ms from a process of its own (the corpus's own
 * work must not delay the measure) until stopped: the slowest answer, in
 * which part of the corpus, and how many failed.
 */
const HEALTH_POLLER = `
  const url = process.argv[1];
  let running = true, phase = "setup", polls = 0, maxMs = 0, failures = 0;
  const slowestByPhase = {};
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (line) => {
    for (const command of line.split("\\n").filter(Boolean))
      if (command === "stop") running = false;
      else phase = command;
  });
  (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        if (response.status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      const took = performance.now() - started;
      maxMs = Math.max(maxMs, took);
      slowestByPhase[phase] = Math.round(Math.max(slowestByPhase[phase] ?? 0, took));
      polls += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.stdout.write(JSON.stringify({ polls, maxMs, failures, slowestByPhase }));
    process.exit(0);
  })();
`;

function watchHealth(url: string) {
  const child = spawn(process.execPath, ["-e", HEALTH_POLLER, `${url}/api/health`], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    enter: (phase: string) => child.stdin.write(`${phase}\n`),
    stop: async () => {
      child.stdin.write("stop\n");
      await exited;
      return JSON.parse(output) as {
        polls: number;
        maxMs: number;
        failures: number;
        slowestByPhase: Record<string, number>;
      };
    },
  };
}

const targets: [string, (() => Promise<AppServer[]>) | null][] = [
  [
    "SQLite",
    async () => [
      await startAppServer({
        name: "corpus-sqlite",
        env: { OPS_HUB_PROBES: "on", OPS_HUB_PROBE_ALLOW: "localhost" },
      }),
    ],
  ],
  [
    "PostgreSQL, two instances",
    databaseUrl
      ? async () => {
          const env = {
            DATABASE_URL: await freshDatabase(databaseUrl, "corpus"),
            OPS_HUB_PROBES: "on",
            OPS_HUB_PROBE_ALLOW: "localhost",
          };
          // One after the other: the first start creates the hub and its seed.
          const first = await startAppServer({ name: "corpus-pg-a", env });
          return [first, await startAppServer({ name: "corpus-pg-b", env })];
        }
      : null,
  ],
];

let victim: TestServer;
let redosTarget: TestServer;
beforeAll(async () => {
  victim = await startHttpServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"secret":"instance credentials"}');
  });
  // Where the ReDoS pattern gets its body: 64 KiB of `a`, no `b`.
  redosTarget = await startHttpServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    response.end("a".repeat(64 * 1024));
  });
});
afterAll(async () => {
  await Promise.all([victim?.close(), redosTarget?.close()]);
});

for (const [name, startServers] of targets) {
  describe.skipIf(!startServers)(`the hostile-input corpus (${name})`, () => {
    let servers: AppServer[] = [];

    beforeAll(async () => {
      servers = await startServers!();
    }, 180_000);
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
    });

    it("refuses every hostile request cleanly: no 5xx, health under a second, no refused write lands", async () => {
      const [server, second] = servers as [AppServer, AppServer | undefined];
      const base = server.url;
      const api = `${base}/api/v2`;
      const figures: Figures = {
        requests: 0,
        byStatus: {},
        failedConnections: 0,
        healthPolls: 0,
        maxHealthMs: 0,
      };
      const fiveHundreds: string[] = [];
      // Refusals are part of the contract too: each answer of the v2 API is checked against the document.
      const document = (await (await fetch(`${api}/openapi.json`)).json()) as OpenApiDocument;
      const { checkAnswer, violations } = checkedFetch(fetch, document);
      const checkV2: typeof checkAnswer = (method, url, answer) => {
        if (new URL(url).pathname.startsWith("/api/v2/")) checkAnswer(method, url, answer);
      };
      const tally = (what: string, status: number) => {
        figures.requests += 1;
        figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
        if (status >= 500) fiveHundreds.push(`${status} ${what}`);
        return status;
      };

      type Answer = { status: number; body: Record<string, unknown> | null; headers: Headers };
      const send = async (
        url: string,
        init: RequestInit & { token?: string; json?: unknown } = {},
      ): Promise<Answer> => {
        const { token, json, ...rest } = init;
        const headers = new Headers(rest.headers);
        if (token) headers.set("authorization", `Bearer ${token}`);
        if (json !== undefined) headers.set("content-type", "application/json");
        const method =
          rest.method ?? (json === undefined && rest.body === undefined ? "GET" : "POST");
        let response: Response;
        try {
          response = await fetch(url, {
            redirect: "manual",
            ...rest,
            method,
            headers,
            body: json === undefined ? rest.body : JSON.stringify(json),
          });
        } catch (error) {
          figures.failedConnections += 1;
          throw error;
        }
        const text = await response.text();
        tally(`${method} ${url}`, response.status);
        checkV2(method, url, { status: response.status, headers: response.headers, body: text });
        let body: Record<string, unknown> | null = null;
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
        } catch {
          // An HTML page or plain text.
        }
        return { status: response.status, body, headers: response.headers };
      };
      const raw = async (options: Parameters<typeof rawRequest>[1]): Promise<RawAnswer> => {
        const answer = await rawRequest(base, options);
        tally(`raw ${options.method ?? "GET"} ${options.path}`, answer.status);
        checkV2(options.method ?? "GET", `${base}${options.path}`, {
          ...answer,
          headers: fetchHeaders(answer.headers),
        });
        return answer;
      };
      const statusesOf = (answers: { status: number }[]) => answers.map((a) => a.status);

      // ---------------------------------------------------------- principals
      const tokenFor = async (key: string, url = api) => {
        const answer = await send(`${url}/token`, { method: "POST", token: key });
        expect(answer.status).toBe(200);
        return answer.body!.access_token as string;
      };
      const operator = await tokenFor(keyOf(server, "operator.key"));
      const runtimeKey = keyOf(server, "ops-hub-runtime.key");
      const runtime = await tokenFor(runtimeKey);
      const hubId = (await send(`${api}/hubs/${HUB}`, { token: runtime })).body!.id as string;
      const consumer = await send(`${api}/api-consumers`, {
        token: operator,
        json: { name: "corpus-reader", hubId },
      });
      const consumerId = consumer.body!.id as string;
      const newKey = async (scopes: string[], expiresAt?: string) => {
        const created = await send(`${api}/api-consumers/${consumerId}/keys`, {
          token: operator,
          json: { scopes, ...(expiresAt ? { expiresAt } : {}) },
        });
        expect(created.status).toBe(201);
        return created.body as { id: string; key: string };
      };
      const reader = await tokenFor((await newKey([`hub:${HUB}:read`])).key);

      const legit = { widgets: 0, events: 0, annotations: 0 };
      const counts = async () => {
        const entry = await send(`${api}/hub-registry/${HUB}`, { token: operator });
        const counts = entry.body!.counts as Record<string, number>;
        const events = await send(
          `${api}/interaction-events?hub=${HUB}&event_type=${EVENT_TYPE}&per_page=1`,
          { token: operator },
        );
        return {
          widgets: counts.widgets!,
          events: (events.body!.meta as { total: number }).total,
          annotations: counts.annotations!,
        };
      };
      const target = await send(`${api}/widgets`, {
        token: runtime,
        json: { hubId, widgetType: "ops-runbook", slug: "ops-runbook-corpus", name: "Corpus" },
      });
      expect(target.status).toBe(201);
      const widgetId = target.body!.id as string;
      const before = await counts();
      const health = watchHealth(base);

      const writesWith = (token: string | undefined, metadata: unknown, n: number) => [
        send(`${api}/widgets`, {
          token,
          json: {
            hubId,
            widgetType: "ops-runbook",
            slug: `ops-runbook-refused-${n}`,
            name: "Refused",
            metadata,
          },
        }),
        send(`${api}/widgets/${widgetId}`, { method: "PATCH", token, json: { metadata } }),
        send(`${api}/interaction-events`, {
          token,
          json: { widgetId, eventType: EVENT_TYPE, metadata },
        }),
        send(`${api}/annotations`, {
          token,
          json: { widgetId, category: "ops-drift", body: "refused", metadata },
        }),
      ];

      // ---------------------------------------------------------- oversized and deep metadata
      health.enter("oversized and deep metadata");
      for (const [n, bytes] of [
        MAX_METADATA_BYTES + 1,
        100_000,
        300_000,
        700_000,
        1_000_000,
      ].entries()) {
        const answers = await Promise.all(writesWith(runtime, { pad: "x".repeat(bytes) }, n));
        expect(statusesOf(answers)).toEqual([413, 413, 413, 413]);
        for (const answer of answers)
          expect(answer.body).toMatchObject({ error: "payload_too_large" });
      }
      for (const [n, depth] of [MAX_METADATA_DEPTH + 1, 40, 60].entries()) {
        const answers = await Promise.all(writesWith(runtime, nested(depth), n));
        expect(statusesOf(answers)).toEqual([400, 400, 400, 400]);
      }

      // ---------------------------------------------------------- big bodies, deep JSON
      health.enter("big bodies, deep JSON");
      const auth = { authorization: `Bearer ${runtime}`, "content-type": "application/json" };
      for (const total of [2, 8, 64].map((mib) => mib * 1024 * 1024)) {
        for (const route of ["/interaction-events", "/widgets"]) {
          const answer = await raw({
            method: "POST",
            path: `/api/v2${route}`,
            headers: auth,
            chunked: { chunkBytes: 64 * 1024, totalBytes: total },
          });
          expect(answer.status).toBe(413);
        }
      }
      for (const declared of [1024 * 1024 + 1, 2 * 1024 * 1024]) {
        const answer = await raw({
          method: "POST",
          path: "/api/v2/annotations",
          headers: { ...auth, "content-length": String(declared) },
          body: " ".repeat(declared),
        });
        expect(answer.status).toBe(413);
      }
      const deepBodies = [
        "[".repeat(500_000),
        `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`,
        `{"widgetId":"x","eventType":"y","metadata":${"[".repeat(200_000)}${"]".repeat(200_000)}}`,
      ];
      for (const body of deepBodies)
        for (const [method, route] of [
          ["POST", "/widgets"],
          ["POST", "/interaction-events"],
          ["PATCH", `/widgets/${widgetId}`],
          ["POST", "/token"],
        ]) {
          const answer = await send(`${api}${route}`, {
            method,
            token: runtime,
            body,
            headers: { "content-type": "application/json" },
          });
          expect(answer.status, `${method} ${route}`).toBe(400);
        }

      // ---------------------------------------------------------- bad escapes, bad Host
      health.enter("bad escapes, bad Host");
      const escapes = ["%", "%E0%A4%A", "%zz", "%C0%AF%", "%%%", "%ff%fe", "%u0041", "a%"];
      for (const escape of escapes) {
        const answers = await Promise.all([
          send(`${api}/widgets/${escape}`, { token: runtime }),
          send(`${api}/hubs/${escape}`, { token: runtime }),
          send(`${api}/hub-registry/${escape}`, { token: runtime }),
          send(`${api}/widgets/${escape}`, { method: "DELETE", token: runtime }),
          send(`${api}/api-consumers/${escape}/keys`, { token: operator }),
        ]);
        expect(statusesOf(answers)).toEqual([400, 400, 400, 400, 400]);
        // The app's own routes: refused or not found, never a crash.
        await send(`${base}/api/items/${escape}/timeline`);
        await send(`${base}/catalog/${escape}`);
      }
      for (const host of ["exa mple.org", "evil.example:99999", "a/b", "[::1", "x@y", ""]) {
        const hub = await raw({ path: "/api/v2/hubs", headers: { host } });
        expect(hub.status, host).toBe(400);
        for (const pathname of ["/api/health", "/signin", "/catalog"])
          await raw({ path: pathname, headers: { host } });
      }

      // ---------------------------------------------------------- probes aimed where they must not go
      health.enter("probes aimed where they must not go");
      const victimPort = new URL(victim.url).port;
      const probeTargets = [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        `http://127.0.0.1:${victimPort}/`,
        `http://[::1]:${victimPort}/`,
        `http://[::ffff:127.0.0.1]:${victimPort}/`,
        `http://2130706433:${victimPort}/`,
        `http://0.0.0.0:${victimPort}/`,
        "http://10.0.0.1:9/",
        "http://192.168.1.1/",
        "file:///etc/passwd",
        `gopher://127.0.0.1:${victimPort}/`,
      ];
      const probeWidgets: string[] = [];
      for (const [n, url] of probeTargets.entries()) {
        const created = await send(`${api}/widgets`, {
          token: runtime,
          json: {
            hubId,
            widgetType: "ops-endpoint",
            slug: `ops-endpoint-corpus-${n}`,
            name: `Corpus probe ${n}`,
            metadata: {
              service: "ops-service-gitea",
              url,
              exposure: "internal",
              probe: { expectedStatus: 200, cadenceSeconds: 30 },
            },
          },
        });
        expect(created.status).toBe(201);
        legit.widgets += 1;
        probeWidgets.push(created.body!.id as string);
      }
      for (const [n, pattern] of ["(a+)+b", "(a|aa)+$", "(x+x+)+y"].entries()) {
        const created = await send(`${api}/widgets`, {
          token: runtime,
          json: {
            hubId,
            widgetType: "ops-endpoint",
            slug: `ops-endpoint-redos-${n}`,
            name: `ReDoS ${n}`,
            metadata: {
              service: "ops-service-gitea",
              url: `http://localhost:${new URL(redosTarget.url).port}/`,
              exposure: "internal",
              probe: { expectedStatus: 200, cadenceSeconds: 30, bodyMatches: pattern },
            },
          },
        });
        expect(created.status).toBe(201);
        legit.widgets += 1;
      }

      // ---------------------------------------------------------- forged forwarding headers
      health.enter("forged forwarding headers");
      for (let i = 0; i < 8; i++) {
        const csrf = await send(`${base}/api/auth/csrf`);
        const cookie = csrf.headers
          .getSetCookie()
          .map((line) => line.split(";")[0])
          .join("; ");
        const forged = {
          "x-forwarded-for": `203.0.113.${i + 1}`,
          "x-forwarded-host": "evil.example",
          "x-forwarded-proto": "https",
        };
        const answer = await send(`${base}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { ...forged, cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            username: "corpus-admin",
            password: `guess-${i}`,
            csrfToken: csrf.body!.csrfToken as string,
            callbackUrl: "https://evil.example/",
          }).toString(),
        });
        expect(answer.headers.get("location") ?? "").not.toMatch(/^(https?:)?\/\/evil\.example/);
        // Five guesses from this connection's address, whatever address each claims.
        if (i >= 5) expect(answer.status).toBe(429);
        const page = await send(`${base}/catalog`, { headers: forged });
        expect(page.headers.get("location") ?? "").not.toMatch(/^(https?:)?\/\/evil\.example/);
        const hub = await send(`${api}/hubs`, { headers: { ...forged, host: "evil.example" } });
        expect(hub.status).toBe(200);
      }

      // ---------------------------------------------------------- revoked and expired keys
      health.enter("revoked and expired keys");
      const revocableKey = await newKey([`hub:${HUB}:read`, `hub:${HUB}:write`]);
      // Long enough for a few key checks (scrypt) on a busy machine.
      const shortLivedUntil = Date.now() + 8_000;
      const shortLivedKey = await newKey(
        [`hub:${HUB}:read`, `hub:${HUB}:write`],
        new Date(shortLivedUntil).toISOString(),
      );
      const revocable = await tokenFor(revocableKey.key);
      const shortLivedToken = await tokenFor(shortLivedKey.key);
      const otherApi = second ? `${second.url}/api/v2` : api;
      // The other instance knows the key too (and remembers it was valid).
      expect(
        (await send(`${otherApi}/widgets?hub=${HUB}`, { token: revocableKey.key })).status,
      ).toBe(200);
      expect((await send(`${otherApi}/widgets?hub=${HUB}`, { token: revocable })).status).toBe(200);
      const revoked = await send(`${api}/api-consumers/${consumerId}/keys/${revocableKey.id}`, {
        method: "DELETE",
        token: operator,
      });
      expect(revoked.status).toBe(204);
      const revokedAt = Date.now();
      let refusedEverywhere = false;
      while (!refusedEverywhere) {
        const answers = await Promise.all([
          send(`${api}/widgets?hub=${HUB}`, { token: revocable }),
          send(`${otherApi}/widgets?hub=${HUB}`, { token: revocable }),
          send(`${otherApi}/widgets?hub=${HUB}`, { token: revocableKey.key }),
        ]);
        refusedEverywhere = answers.every((answer) => answer.status === 401);
        if (!refusedEverywhere) {
          expect(Date.now() - revokedAt).toBeLessThan(1_000);
          await sleep(50);
        }
      }
      const stoppedAfterMs = Date.now() - revokedAt;
      await sleep(Math.max(0, shortLivedUntil - Date.now()) + 1_200);
      for (let n = 0; n < 3; n++)
        for (const token of [revocable, shortLivedToken, revocableKey.key, shortLivedKey.key]) {
          const answers = await Promise.all(writesWith(token, { n }, 100 + n));
          for (const status of statusesOf(answers)) expect([401, 429]).toContain(status);
        }
      for (const key of [revocableKey.key, shortLivedKey.key]) {
        const exchange = await send(`${api}/token`, { method: "POST", token: key });
        expect([401, 429]).toContain(exchange.status);
      }

      // ---------------------------------------------------------- idempotency keys reused
      health.enter("idempotency keys reused");
      const idem = { "idempotency-key": "corpus-idem-1" };
      const first = await send(`${api}/interaction-events`, {
        token: runtime,
        headers: idem,
        json: { widgetId, eventType: EVENT_TYPE, metadata: { run: 1 } },
      });
      expect(first.status).toBe(201);
      legit.events += 1;
      for (let n = 0; n < 6; n++) {
        const reused = await send(`${api}/interaction-events`, {
          token: runtime,
          headers: idem,
          json: { widgetId, eventType: EVENT_TYPE, metadata: { run: 2 + n } },
        });
        expect(reused.status).toBe(422);
        expect(reused.body).toMatchObject({ error: "idempotency_key_reused" });
        const replayed = await send(`${api}/interaction-events`, {
          token: runtime,
          headers: idem,
          json: { widgetId, eventType: EVENT_TYPE, metadata: { run: 1 } },
        });
        expect(replayed.body!.id).toBe(first.body!.id);
      }

      // ---------------------------------------------------------- writes without the scope or role
      health.enter("writes without the scope or role");
      for (let n = 0; n < 4; n++) {
        for (const status of statusesOf(await Promise.all(writesWith(reader, { n }, 200 + n))))
          expect(status).toBe(403);
        for (const status of statusesOf(await Promise.all(writesWith(undefined, { n }, 300 + n))))
          expect(status).toBe(401);
        const admin = await Promise.all([
          send(`${api}/widgets/${widgetId}`, { method: "DELETE", token: reader }),
          send(`${api}/hubs`, {
            token: runtime,
            json: { name: "Rogue", slug: `rogue-${n}`, hub_kind: "domain" },
          }),
          send(`${api}/api-consumers`, { token: runtime, json: { name: `rogue-${n}` } }),
          send(`${api}/api-consumers/${consumerId}/keys`, {
            token: runtime,
            json: { scopes: ["framework:admin"] },
          }),
          send(`${api}/api-consumers/${consumerId}/keys/${shortLivedKey.id}`, {
            method: "DELETE",
            token: runtime,
          }),
          send(`${api}/hub-capability-manifests`, {
            token: runtime,
            json: { hubId, widgetTypes: ["rogue"] },
          }),
        ]);
        expect(statusesOf(admin)).toEqual([403, 403, 403, 403, 403, 403]);
        const app = await Promise.all([
          send(`${base}/api/export/inventory`),
          send(`${base}/api/migrations/any-wave/board`),
          send(`${base}/api/migrations/any-wave/export`),
          send(`${base}/api/items/ops-runbook-corpus/timeline`),
          send(`${base}/api/search?q=secret`),
        ]);
        expect(statusesOf(app)).toEqual([401, 401, 401, 401, 401]);
      }

      // ---------------------------------------------------------- odds and ends
      health.enter("odds and ends");
      const odd = await Promise.all([
        send(`${api}/widgets?per_page=99999999`, { token: runtime }),
        send(`${api}/widgets?sort=password`, { token: runtime }),
        send(`${api}/widgets?page=-1`, { token: runtime }),
        send(`${api}/widgets?hub=%00`, { token: runtime }),
        send(`${api}/widgets`, { method: "PUT", token: runtime }),
        send(`${api}/${"a".repeat(8_000)}`, { token: runtime }),
        send(`${api}/interaction-events`, {
          token: runtime,
          json: { widgetId, eventType: EVENT_TYPE, metadata: { nul: "a\u0000b" } },
        }),
        send(`${api}/interaction-events`, {
          token: runtime,
          body: "not json",
          headers: { "content-type": "application/json" },
        }),
        send(`${api}/annotations`, {
          token: runtime,
          json: { widgetId, category: "ops-drift", body: "x".repeat(20_000) },
        }),
        send(`${api}/widgets`, { token: "iht_forged-token-value" }),
      ]);
      for (const status of statusesOf(odd)) expect(status).toBeGreaterThanOrEqual(400);

      // ---------------------------------------------------------- key brute force (last: it locks this address)
      health.enter("key brute force");
      const prefix = runtimeKey.slice(4, 12);
      const guesses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const guess =
          i % 2 === 0
            ? `ihk_${prefix}_${Math.random().toString(36).slice(2).padEnd(24, "x")}`
            : `ihk_${Math.random().toString(16).slice(2, 10).padEnd(8, "0")}_${"g".repeat(30)}`;
        const answer =
          i % 4 === 3
            ? await send(`${api}/widgets`, { token: guess })
            : await send(`${api}/token`, { method: "POST", token: guess });
        guesses.push(answer.status);
        if (answer.status === 429)
          expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      expect(guesses.every((status) => status === 401 || status === 429)).toBe(true);
      // Five guesses at the real key's prefix from one address, then it waits.
      expect(guesses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
      const parallel = await Promise.all(
        Array.from({ length: 20 }, () =>
          send(`${api}/token`, { method: "POST", token: `ihk_${prefix}_${"p".repeat(30)}` }),
        ),
      );
      expect(statusesOf(parallel).every((status) => status === 429)).toBe(true);

      // ---------------------------------------------------------- the probes' verdicts
      health.enter("the probes' verdicts");
      const probeEvents = async (id: string) =>
        (
          await send(
            `${api}/interaction-events?hub=${HUB}&widget_id=${id}&event_type=ops-endpoint-verified`,
            {
              token: operator,
            },
          )
        ).body!.data as { metadata: Record<string, unknown> }[];
      const deadline = Date.now() + 45_000;
      const watched = [probeWidgets[0]!, probeWidgets[1]!];
      while (Date.now() < deadline) {
        const seen = await Promise.all(watched.map(probeEvents));
        if (seen.every((events) => events.length > 0)) break;
        await sleep(1_000);
      }
      for (const id of watched)
        expect((await probeEvents(id))[0]?.metadata).toMatchObject({
          outcome: "fail",
          error: "denied",
        });
      expect(victim.hits()).toBe(0);

      const watch = await health.stop();
      figures.healthPolls = watch.polls;
      figures.maxHealthMs = Math.round(watch.maxMs);
      const after = await counts();
      console.info(
        `[hostile corpus, ${name}] ${JSON.stringify({
          ...figures,
          slowestHealthMsByPhase: watch.slowestByPhase,
          revocationStoppedTokensAfterMs: stoppedAfterMs,
        })}`,
      );

      expect(figures.requests).toBeGreaterThanOrEqual(300);
      expect(fiveHundreds).toEqual([]);
      expect(violations).toEqual([]);
      expect(figures.failedConnections).toBe(0);
      expect(watch.failures).toBe(0);
      expect(figures.maxHealthMs).toBeLessThan(1_000);
      expect(after).toEqual({
        widgets: before.widgets + legit.widgets,
        events: before.events + legit.events,
        annotations: before.annotations + legit.annotations,
      });
    }, 240_000);
  });
}
