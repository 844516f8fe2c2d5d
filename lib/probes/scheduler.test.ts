import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/database";
import type { InterHubClient } from "@/lib/interhub/client";
import { createProbeScheduler } from "./scheduler";
import { probeSpecSchema, type ProbeTarget } from "@/lib/domain/probe-spec";
import { LOOPBACK_ALLOWED, startHttpServer, type TestServer } from "@/test/probe-servers";

/** Two instances sharing one database probe a target once per cadence, not once each. */
let server: TestServer;
let slowServer: TestServer;
const databases: Db[] = [];

beforeAll(async () => {
  server = await startHttpServer((_request, response) => response.end("ok"));
  slowServer = await startHttpServer((_request, response) => {
    setTimeout(() => response.end("ok"), 200);
  });
});
afterAll(async () => {
  await Promise.all([server?.close(), slowServer?.close(), ...databases.map((db) => db.destroy())]);
});

function recordingClient() {
  const recorded: string[] = [];
  const client = {
    listEvents: async () => ({ items: [], page: 1, perPage: 1, total: 0 }),
    createEvent: async (body: { widgetId: string; eventType: string }, key?: string) => {
      recorded.push(key ?? "");
      return { id: key, widgetId: body.widgetId, type: body.eventType, metadata: {} };
    },
  } as unknown as InterHubClient;
  return { client, recorded };
}

const target = (slug: string, url: string, cadenceSeconds = 30): ProbeTarget => ({
  widget: { id: `id-${slug}`, hubId: "hub", slug, name: slug, type: "ops-endpoint" },
  url,
  spec: probeSpecSchema.parse({ cadenceSeconds }),
  eventType: "ops-endpoint-verified",
  key: `id-${slug}-${Math.random().toString(36).slice(2)}:ops-endpoint-verified`,
});

async function instances(count: number, targets: ProbeTarget[], concurrency = 4) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ops-hub-scheduler-"));
  let clock = Date.UTC(2026, 0, 1);
  const all: { recorded: string[]; scheduler: ReturnType<typeof createProbeScheduler> }[] = [];
  for (let i = 0; i < count; i++) {
    const db = await openDatabase({ dataDir });
    databases.push(db);
    const { client, recorded } = recordingClient();
    all.push({
      recorded,
      scheduler: createProbeScheduler({
        db,
        holder: `instance-${i}`,
        concurrency,
        observer: { kind: "probe", name: "test", via: "scheduler", host: "test" },
        hubs: async () => ["hub"],
        targets: async () => targets,
        probeHub: async () => ({ slug: "hub", client }),
        now: () => new Date(clock),
        random: () => 0.5,
        // The test's endpoints are on loopback, which probes reach only when allowed.
        observe: { allow: LOOPBACK_ALLOWED },
      }),
    });
  }
  const tickAll = async (atSeconds: number) => {
    clock = Date.UTC(2026, 0, 1) + atSeconds * 1000;
    await Promise.all(all.map(({ scheduler }) => scheduler.tick()));
    await Promise.all(all.map(({ scheduler }) => scheduler.idle()));
  };
  return { all, tickAll };
}

describe("the probe scheduler", () => {
  it("probes once per cadence across two instances", async () => {
    const before = server.hits();
    const { all, tickAll } = await instances(2, [target("ep", `${server.url}/`)]);
    await tickAll(0);
    expect(server.hits() - before).toBe(1);
    for (const second of [5, 10, 20, 30]) await tickAll(second);
    expect(server.hits() - before).toBe(1);
    await tickAll(31); // the cadence plus half the largest jitter (5%)
    expect(server.hits() - before).toBe(2);
    await tickAll(45);
    expect(server.hits() - before).toBe(2);
    const keys = all.flatMap(({ recorded }) => recorded);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  });

  it("keeps at most `concurrency` probes in flight, and leaves targets without a cadence alone", async () => {
    const targets = [
      ...Array.from({ length: 5 }, (_, i) => target(`slow-${i}`, `${slowServer.url}/`)),
      { ...target("on-demand", `${server.url}/`), spec: probeSpecSchema.parse({}) },
    ];
    const before = { slow: slowServer.hits(), fast: server.hits() };
    const { all } = await instances(1, targets, 2);
    const { scheduler } = all[0]!;
    await scheduler.tick();
    expect(scheduler.inFlight()).toBe(2);
    await scheduler.tick(); // no free slot: nothing more starts
    expect(scheduler.inFlight()).toBe(2);
    await scheduler.idle();
    await scheduler.tick();
    await scheduler.idle();
    await scheduler.tick();
    await scheduler.idle();
    expect(slowServer.hits() - before.slow).toBe(5);
    expect(server.hits() - before.fast).toBe(0);
  });
});
