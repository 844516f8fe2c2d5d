import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getHubSnapshot } from "@/lib/data/snapshot";
import { writeToHub } from "@/lib/data/write";
import type { ProbeObserver } from "@/lib/domain/probe-judge";
import { probeTargets } from "@/lib/domain/probe-spec";
import { getInterHub, listAppHubs } from "@/lib/interhub";
import { processSingleton } from "@/lib/process-singleton";
import { probeAndRecord, type ProbeHub, type ProbeResult } from "./run";
import { createProbeScheduler } from "./scheduler";

/**
 * The server's two ways to probe: the scheduler (with `OPS_HUB_PROBES=on`)
 * and an operator's "Probe now" on an item page. Both record in the hub the
 * item belongs to through the server's one write path.
 */
const TICK_MS = 5_000;

async function probeHub(slug: string, someoneWaits: boolean): Promise<ProbeHub> {
  return {
    slug,
    client: await getInterHub(slug),
    record: (write, idempotencyKey) =>
      writeToHub(write, { via: "direct", idempotencyKey, someoneWaits }),
  };
}

export async function startProbeScheduler(): Promise<void> {
  const env = getEnv();
  if (env.OPS_HUB_PROBES !== "on") return;
  const db = await getDatabase();
  processSingleton("probe-scheduler", () => {
    const host = hostname();
    const scheduler = createProbeScheduler({
      db,
      holder: `${host}:${process.pid}:${randomUUID().slice(0, 8)}`,
      concurrency: env.OPS_HUB_PROBE_CONCURRENCY,
      observer: {
        kind: "probe",
        name: `ops-hub probe scheduler (${host})`,
        via: "scheduler",
        host,
      },
      hubs: async () => (await listAppHubs()).map((hub) => hub.slug),
      targets: async (hub) => probeTargets((await getHubSnapshot(hub)).model.index.widgets).targets,
      // Nobody waits on a scheduled probe: pages may show its result a moment later.
      probeHub: (hub) => probeHub(hub, false),
      observe: { allow: env.OPS_HUB_PROBE_ALLOW },
      onError: (message) => console.warn(`[ops-hub] ${message}`),
    });
    const loop = () => {
      scheduler
        .tick()
        .catch((error: unknown) =>
          console.warn(
            `[ops-hub] probes: tick failed: ${error instanceof Error ? error.message : error}`,
          ),
        )
        .finally(() => setTimeout(loop, TICK_MS * (0.8 + 0.4 * Math.random())).unref());
    };
    setTimeout(loop, TICK_MS * Math.random()).unref();
    console.info(
      `[ops-hub] probes: scheduler on (at most ${env.OPS_HUB_PROBE_CONCURRENCY} at a time)`,
    );
    return scheduler;
  });
}

/**
 * Probes one item of a hub now, as the given user; undefined when the item
 * does not exist or declares no probe.
 */
export async function probeItemNow(
  hub: string,
  slug: string,
  user: { id: string; name: string },
): Promise<ProbeResult[] | undefined> {
  const widget = (await getHubSnapshot(hub)).model.index.bySlug.get(slug);
  if (!widget) return undefined;
  const { targets } = probeTargets([widget]);
  if (targets.length === 0) return undefined;
  const host = hostname();
  const observer: ProbeObserver = {
    kind: "probe",
    name: `ops-hub probe, asked by ${user.name}`,
    via: "item-page",
    host,
    user,
  };
  const runId = randomUUID();
  const into = await probeHub(hub, true);
  return Promise.all(
    targets.map((target) =>
      probeAndRecord(into, target, {
        observer,
        idempotencyKey: () => `ops-hub-probe:${target.key}:${runId}`,
        viewContext: `ops-hub item page /catalog/${slug}`,
        allow: getEnv().OPS_HUB_PROBE_ALLOW,
      }),
    ),
  );
}
