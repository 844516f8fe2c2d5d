import { mkdtempSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/database";
import { createHubHandler } from "@/lib/embedded-hub/http";
import { createHubService } from "@/lib/embedded-hub/service";
import { createInterHubClient, listAll } from "@/lib/interhub/client";
import { fetchCheckedAgainst } from "@/test/openapi-responses";
import { createOutbox } from "./outbox";

/**
 * 1,000 writes through a proxy that fails many requests, drops connections
 * before and after Inter-Hub has written, then recovers: every write arrives,
 * none twice — with two outbox workers sharing one database.
 */
const WRITES = 1000;

async function freshDatabase(url: string): Promise<string> {
  const { Client } = await import("pg");
  const name = `outbox_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.toString();
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The embedded hub served over real HTTP. */
function hubServer(handle: (request: Request) => Promise<Response>): Server {
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await handle(
      new Request(`http://hub${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

/** Forwards to the hub, or fails: 503 without forwarding, a dropped connection before, or after the hub wrote. */
function faultProxy(target: string, state: { faulty: boolean; writesLost: number }): Server {
  const upstream = new URL(target);
  return createServer((req, res) => {
    const roll = Math.random();
    if (state.faulty && roll < 0.3) {
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":"unavailable"}');
      return;
    }
    if (state.faulty && roll < 0.4) {
      req.socket.destroy();
      return;
    }
    const loseAnswer =
      state.faulty && roll < 0.55 && req.method === "POST" && req.url !== "/api/v2/token";
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        if (loseAnswer) {
          answer.resume();
          answer.on("end", () => {
            state.writesLost += 1;
            res.socket?.destroy();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.socket?.destroy());
    req.pipe(forward);
  });
}

const targets: [string, string | undefined][] = [
  ["SQLite", undefined],
  ["PostgreSQL", process.env.TEST_DATABASE_URL],
];

for (const [engine, databaseUrl] of targets) {
  describe.skipIf(engine === "PostgreSQL" && !databaseUrl)(`the outbox on ${engine}`, () => {
    const servers: Server[] = [];
    const dbs: Db[] = [];
    const state = { faulty: true, writesLost: 0 };
    let proxyUrl: string;
    let hubUrl: string;
    let runtimeKey: string;
    let hubAnswers: ReturnType<typeof fetchCheckedAgainst>;
    const slug = `ob-${Math.random().toString(36).slice(2, 8)}`;

    beforeAll(async () => {
      const hubDb = await openDatabase({
        dataDir: mkdtempSync(path.join(tmpdir(), "ops-hub-outbox-hub-")),
      });
      dbs.push(hubDb);
      const service = createHubService(hubDb);
      const handle = createHubHandler(service);
      // Every answer the hub gives, to the outbox through the proxy or to the test, is checked.
      hubAnswers = fetchCheckedAgainst("http://hub/api/v2", (input, init) =>
        handle(new Request(input, init)),
      );
      const hub = hubServer((request) => hubAnswers.fetch(request));
      servers.push(hub);
      hubUrl = await listen(hub);
      const proxy = faultProxy(hubUrl, state);
      servers.push(proxy);
      proxyUrl = await listen(proxy);

      const operator = createInterHubClient({
        baseUrl: `${hubUrl}/api/v2`,
        apiKey: async () => (await operatorKey)!,
      });
      const operatorKey = service.createBootstrapOperatorKey("outbox-operator").then((k) => k.key);
      const created = await operator.createHub({ name: "Outbox test", slug });
      const manifest = await operator.createManifest({
        hubId: created.id,
        widgetTypes: [`${slug}-thing`],
        eventTypes: [`${slug}-seen`],
      });
      await operator.activateManifest(manifest.id);
      const consumer = await operator.createApiConsumer({ name: "runtime", hubId: created.id });
      runtimeKey = (
        await operator.createApiKey(consumer.id, {
          scopes: [`hub:${slug}:read`, `hub:${slug}:write`],
        })
      ).key;
      const runtime = createInterHubClient({
        baseUrl: `${hubUrl}/api/v2`,
        apiKey: () => runtimeKey,
      });
      await runtime.createWidget({
        hubId: created.id,
        widgetType: `${slug}-thing`,
        slug: "target",
        name: "Target",
      });
    });

    afterAll(async () => {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      for (const server of servers) server.closeAllConnections();
      await Promise.all(dbs.map((db) => db.destroy()));
    });

    it(
      `delivers ${WRITES} writes exactly once through failures, with two workers`,
      { timeout: 120_000 },
      async () => {
        // A database of its own: the PostgreSQL one is shared with running ops-hub
        // servers, whose outbox workers would (rightly) pick these rows up too.
        const appDb = await openDatabase({
          databaseUrl: databaseUrl && (await freshDatabase(databaseUrl)),
          dataDir: mkdtempSync(path.join(tmpdir(), "ops-hub-outbox-app-")),
        });
        dbs.push(appDb);
        let clockMs = 0;
        const now = () => new Date(Date.now() + clockMs);
        const outbox = (instanceId: string) =>
          createOutbox({
            db: appDb,
            client: async () => client,
            now,
            instanceId,
          });
        const client = createInterHubClient({
          baseUrl: `${proxyUrl}/api/v2`,
          apiKey: () => runtimeKey,
          retries: 0,
          timeoutMs: 3000,
        });
        const first = outbox("instance-a");
        const second = outbox("instance-b");

        const outcomes = { delivered: 0, queued: 0, rejected: 0 };
        for (let n = 0; n < WRITES; n++) {
          const delivery = await first.submit(
            {
              hub: slug,
              kind: "event",
              payload: {
                widgetSlug: "target",
                eventType: `${slug}-seen`,
                metadata: { n, outcome: "pass" },
              },
            },
            { summary: `write ${n}`, author: { id: "u", name: "tester" } },
          );
          outcomes[delivery.status] += 1;
        }
        expect(outcomes.rejected).toBe(0);
        expect(outcomes.queued).toBeGreaterThan(WRITES / 4);

        // A few rounds while Inter-Hub still misbehaves, then it recovers.
        for (let round = 0; round < 3; round++) {
          clockMs += 120_000;
          await Promise.all([first.deliverDue(200), second.deliverDue(200)]);
        }
        state.faulty = false;
        for (let round = 0; round < 30 && (await first.pending()).length > 0; round++) {
          clockMs += 120_000;
          await Promise.all([first.deliverDue(500), second.deliverDue(500)]);
        }
        expect(await first.pending()).toEqual([]);
        expect(state.writesLost).toBeGreaterThan(0);

        const direct = createInterHubClient({
          baseUrl: `${hubUrl}/api/v2`,
          apiKey: () => runtimeKey,
        });
        const events = await listAll(direct.listEvents, { hub: slug, eventType: `${slug}-seen` });
        const numbers = events.map((event) => event.metadata.n as number);
        expect(numbers).toHaveLength(WRITES);
        expect(new Set(numbers).size).toBe(WRITES);
        expect(hubAnswers.violations).toEqual([]);
      },
    );
  });
}
