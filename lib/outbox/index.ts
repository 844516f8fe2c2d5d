import "server-only";
import { getDatabase } from "@/lib/db";
import { markHubChanged } from "@/lib/hub-changes";
import { getInterHub } from "@/lib/interhub";
import { processSingleton } from "@/lib/process-singleton";
import { createOutbox, type Outbox } from "./outbox";

/** This process's outbox, delivering to its Inter-Hub; a delivery refreshes the read snapshot. */
export function getOutbox(): Promise<Outbox> {
  return processSingleton("outbox", async () =>
    createOutbox({
      db: await getDatabase(),
      client: (hub) => getInterHub(hub),
      onDelivered: markHubChanged,
    }),
  );
}

const WORKER_INTERVAL_MS = 2_000;

/** Delivers what waits, every few seconds, for the life of the process. */
export function startOutboxWorker(): void {
  processSingleton("outbox-worker", () => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      getOutbox()
        .then((outbox) => outbox.deliverDue())
        .catch((error: unknown) =>
          console.error("[outbox]", error instanceof Error ? error.message : error),
        )
        .finally(() => {
          running = false;
        });
    }, WORKER_INTERVAL_MS);
    timer.unref();
    return timer;
  });
}
