import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInterHubClient, listAll } from "@/lib/interhub/client";
import { startAppServer, type AppServer } from "../../scripts/app-server.mjs";
import { LOOPBACK_ALLOW, startHttpServer, type TestServer } from "@/test/probe-servers";
import { fetchCheckedAgainst } from "@/test/openapi-responses";

/**
 * Two ops-hub servers with the probe scheduler on, sharing one PostgreSQL
 * database: an endpoint with a 30 s cadence is probed once per cadence, not
 * once per instance. The endpoint is a loopback server started here.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;

async function freshDatabase(url: string): Promise<string> {
  const { default: pg } = await import("pg");
  const name = `probes_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.toString();
}

describe.skipIf(!databaseUrl)("the probe scheduler on two instances (PostgreSQL)", () => {
  const servers: AppServer[] = [];
  let endpoint: TestServer;

  beforeAll(async () => {
    endpoint = await startHttpServer((_request, response) => {
      response.writeHead(200);
      response.end("ok");
    });
    const env = {
      DATABASE_URL: await freshDatabase(databaseUrl!),
      OPS_HUB_PROBES: "on",
      // The endpoint is on loopback, which probes reach only when allowed.
      OPS_HUB_PROBE_ALLOW: LOOPBACK_ALLOW,
    };
    // One after the other: the first start creates the hub and its seed.
    servers.push(await startAppServer({ name: "probes-a", env }));
    servers.push(await startAppServer({ name: "probes-b", env }));
  }, 180_000);
  afterAll(async () => {
    await Promise.all([...servers.map((server) => server.stop()), endpoint?.close()]);
  });

  it("probes a 30 s endpoint once per cadence across both", async () => {
    const [first, second] = servers as [AppServer, AppServer];
    const key = readFileSync(path.join(first.dataDir, "keys", "ops-hub-runtime.key"), "utf8");
    const checked = fetchCheckedAgainst(`${first.url}/api/v2`);
    const client = createInterHubClient({
      baseUrl: `${first.url}/api/v2`,
      apiKey: () => key.trim(),
      fetch: checked.fetch,
    });
    const hubId = (await client.getHub("ops-hub")).id;
    const widget = await client.createWidget({
      hubId,
      widgetType: "ops-endpoint",
      slug: "ops-endpoint-scheduled",
      name: "Scheduled loopback endpoint",
      metadata: {
        service: "ops-service-gitea",
        url: `${endpoint.url}/health`,
        exposure: "internal",
        probe: { expectedStatus: 200, cadenceSeconds: 30 },
      },
    });

    // Both instances see the widget within their snapshot's 15 s and tick every ~5 s.
    const deadline = Date.now() + 40_000;
    while (endpoint.hits() === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(endpoint.hits()).toBe(1);
    const firstHit = Date.now();
    // Well inside the cadence, with both instances ticking several times.
    await new Promise((resolve) => setTimeout(resolve, 25_000 - (Date.now() - firstHit)));
    expect(endpoint.hits()).toBe(1);

    const events = await listAll(client.listEvents, {
      hub: "ops-hub",
      widgetId: widget.id,
      eventType: "ops-endpoint-verified",
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({ outcome: "pass", observer: { via: "scheduler" } });
    for (const server of [first, second])
      expect(readFileSync(server.logFile, "utf8")).toContain("probes: scheduler on");
    expect(checked.violations).toEqual([]);
  }, 120_000);
});
