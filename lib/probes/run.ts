import type { InterHubClient } from "@/lib/interhub/client";
import { InterHubError } from "@/lib/interhub/errors";
import { sendHubWrite, type HubWrite } from "@/lib/interhub/hub-write";
import type { InteractionEvent } from "@/lib/domain/types";
import { observedAt, outcomeOf } from "@/lib/domain/evidence";
import type { Observation } from "@/lib/domain/probe-spec";
import { observe, type ObserveOptions } from "./engine";
import {
  driftMetadata,
  judge,
  probeEventMetadata,
  type ProbeObserver,
  type Verdict,
} from "@/lib/domain/probe-judge";
import type { ProbeTarget } from "@/lib/domain/probe-spec";

/**
 * The one probe run, shared by the CLI, the server's scheduler and the item
 * page: observe, judge, record the evidence through the Inter-Hub client
 * (with an idempotency key, so a retried write never records twice), and
 * record `ops-drift-detected` when the signal went from pass to fail.
 */
export type ProbeResult = {
  target: ProbeTarget;
  observation: Observation;
  verdict: Verdict;
  event?: InteractionEvent;
  drift?: InteractionEvent;
  /** Set when the evidence could not be recorded (the probe itself ran). */
  recordError?: string;
};

/**
 * Where a probe's evidence goes: the hub, a client to read the item's last
 * signal, and how to record. The server records through its one write path
 * (lib/data/write.ts); the CLI, with no server, sends with the client.
 */
export type ProbeHub = {
  slug: string;
  client: InterHubClient;
  record?: (
    write: Extract<HubWrite, { kind: "event" }>,
    idempotencyKey: string,
  ) => Promise<InteractionEvent>;
};

export type ProbeRunOptions = ObserveOptions & {
  observer: ProbeObserver;
  /** Unique per run and target: the same key with the same body records once. */
  idempotencyKey: (target: ProbeTarget) => string;
  /** Observe and judge only: nothing is recorded. */
  dryRun?: boolean;
  viewContext?: string;
};

export async function probeAndRecord(
  hub: ProbeHub,
  target: ProbeTarget,
  options: ProbeRunOptions,
): Promise<ProbeResult> {
  const { client } = hub;
  const record = hub.record ?? ((write, key) => sendHubWrite(client, write, key));
  const viewContext = options.viewContext ?? "ops-hub probe";
  const widget = { widgetSlug: target.widget.slug, widgetId: target.widget.id };
  const observation = await observe(target.url, target.spec, options);
  const verdict = judge(target.spec, observation);
  if (options.dryRun) return { target, observation, verdict };
  const metadata = probeEventMetadata(target, observation, verdict, options.observer);
  const key = options.idempotencyKey(target);
  try {
    // The previous signal first, so the new one is not taken for it.
    const previous = (
      await client.listEvents({
        widgetId: target.widget.id,
        eventType: target.eventType,
        perPage: 1,
      })
    ).items[0];
    const event = await record(
      {
        hub: hub.slug,
        kind: "event",
        payload: { ...widget, eventType: target.eventType, viewContext, metadata },
      },
      key,
    );
    let drift: InteractionEvent | undefined;
    if (previous && outcomeOf(previous) === "pass" && verdict.outcome === "fail") {
      drift = await record(
        {
          hub: hub.slug,
          kind: "event",
          payload: {
            ...widget,
            eventType: "ops-drift-detected",
            viewContext,
            metadata: driftMetadata(
              target,
              { id: previous.id, observedAt: observedAt(previous).toISOString() },
              event,
              options.observer,
            ),
          },
        },
        `${key}:drift`,
      );
    }
    return { target, observation, verdict, event, drift };
  } catch (error) {
    if (!(error instanceof InterHubError)) throw error;
    return { target, observation, verdict, recordError: error.message };
  }
}

/** Probes several targets, at most `concurrency` at a time, reporting each as it finishes. */
export async function runProbes(
  hub: ProbeHub,
  targets: ProbeTarget[],
  options: ProbeRunOptions & {
    concurrency?: number;
    onResult?: (result: ProbeResult, done: number, total: number) => void;
  },
): Promise<ProbeResult[]> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const results: ProbeResult[] = new Array<ProbeResult>(targets.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const result = await probeAndRecord(hub, targets[index]!, options);
      results[index] = result;
      done += 1;
      options.onResult?.(result, done, targets.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}
