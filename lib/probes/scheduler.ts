import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { ObserveOptions } from "./engine";
import type { ProbeObserver } from "@/lib/domain/probe-judge";
import { acquireProbeLease } from "./leases";
import { probeAndRecord, type ProbeHub } from "./run";
import type { ProbeTarget } from "@/lib/domain/probe-spec";

/**
 * The scheduled probe run, one tick at a time (the server calls `tick` every
 * few seconds). Each tick looks at the targets that declare a cadence, skips
 * the ones not yet due, and for as many as it has free slots takes the lease
 * (`leases.ts`) and probes: bounded concurrency, and one probe per cadence
 * across every instance on the same database. Each slot is pushed out by a
 * random jitter of up to 5% of the cadence, so probes spread out over time.
 */
export const MAX_JITTER_SHARE = 0.05;

export type SchedulerDeps = {
  db: Kysely<Database>;
  /** Names this instance in the lease table. */
  holder: string;
  concurrency: number;
  observer: ProbeObserver;
  /** The hubs to probe, and the targets of each and where its evidence goes. */
  hubs: () => Promise<string[]>;
  targets: (hub: string) => Promise<ProbeTarget[]>;
  probeHub: (hub: string) => Promise<ProbeHub>;
  onError?: (message: string) => void;
  now?: () => Date;
  random?: () => number;
  observe?: ObserveOptions;
};

export function createProbeScheduler(deps: SchedulerDeps) {
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const inFlight = new Map<string, Promise<void>>();
  // When each target is next due, as last read from the lease table: no
  // database round trip for a target that is known not to be due.
  const notBefore = new Map<string, number>();

  async function dueTargets(at: Date) {
    const due: { hub: string; target: ProbeTarget }[] = [];
    for (const hub of await deps.hubs()) {
      let targets: ProbeTarget[];
      try {
        targets = await deps.targets(hub);
      } catch (error) {
        deps.onError?.(`probes: cannot read the targets of ${hub}: ${messageOf(error)}`);
        continue;
      }
      for (const target of targets) {
        if (!target.spec.cadenceSeconds || inFlight.has(target.key)) continue;
        if ((notBefore.get(target.key) ?? 0) > at.getTime()) continue;
        due.push({ hub, target });
      }
    }
    // A random order, so a long list is not always served from the same end.
    for (let i = due.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [due[i], due[j]] = [due[j]!, due[i]!];
    }
    return due;
  }

  async function tick(): Promise<void> {
    const at = now();
    for (const { hub, target } of await dueTargets(at)) {
      if (inFlight.size >= deps.concurrency) break;
      const cadenceMs = target.spec.cadenceSeconds! * 1000;
      const lease = await acquireProbeLease(deps.db, {
        target: target.key,
        holder: deps.holder,
        now: at,
        nextDueAt: new Date(at.getTime() + cadenceMs * (1 + MAX_JITTER_SHARE * random())),
      });
      notBefore.set(target.key, Date.parse(lease.nextDueAt));
      if (!lease.acquired) continue;
      const run = (async () => {
        const result = await probeAndRecord(await deps.probeHub(hub), target, {
          ...deps.observe,
          observer: deps.observer,
          // One key per slot: a retried write of this slot records once.
          idempotencyKey: () => `ops-hub-probe:${target.key}:${at.toISOString()}`,
          viewContext: "ops-hub probe scheduler",
        });
        if (result.recordError)
          deps.onError?.(`probes: ${target.widget.slug} not recorded: ${result.recordError}`);
      })()
        .catch((error: unknown) =>
          deps.onError?.(`probes: ${target.widget.slug} failed: ${messageOf(error)}`),
        )
        .finally(() => inFlight.delete(target.key));
      inFlight.set(target.key, run);
    }
  }

  /** Resolves when every probe started so far has finished (tests, shutdown). */
  async function idle(): Promise<void> {
    await Promise.all(inFlight.values());
  }

  return { tick, idle, inFlight: () => inFlight.size };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
