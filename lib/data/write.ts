import "server-only";
import { markHubChanged, markHubChangedInBackground } from "@/lib/hub-changes";
import { getInterHub } from "@/lib/interhub";
import { sendHubWrite, type HubWrite, type Written } from "@/lib/interhub/hub-write";
import { getOutbox } from "@/lib/outbox";
import type { Author, Delivery } from "@/lib/outbox/outbox";

/**
 * The one way the server writes to a hub. The write names its hub: the hub
 * a user was looking at when they acted, never a default. Two routes:
 * - `outbox`, where a person waits on a form: the write is stored first, so an
 *   Inter-Hub outage delays it but never loses it;
 * - `direct`, where the caller retries by itself (a review verdict the
 *   reviewer sends again, a probe that runs again): Inter-Hub's error comes
 *   back as an `InterHubError`.
 * Either way, pages read the write afterwards: at once when someone waits
 * for it, a moment later for a scheduled probe.
 */
export type WriteRoute =
  | { via: "outbox"; idempotencyKey: string; summary: string; author: Author }
  | { via: "direct"; idempotencyKey: string; someoneWaits: boolean };

export async function writeToHub(
  write: HubWrite,
  route: Extract<WriteRoute, { via: "outbox" }>,
): Promise<Delivery>;
export async function writeToHub<W extends HubWrite>(
  write: W,
  route: Extract<WriteRoute, { via: "direct" }>,
): Promise<Written<W>>;
export async function writeToHub(write: HubWrite, route: WriteRoute): Promise<unknown> {
  if (route.via === "outbox") {
    // The outbox marks the change itself when it delivers (now or later).
    const { idempotencyKey, summary, author } = route;
    return (await getOutbox()).submit(write, { idempotencyKey, summary, author });
  }
  const written = await sendHubWrite(await getInterHub(write.hub), write, route.idempotencyKey);
  if (route.someoneWaits) markHubChanged();
  else markHubChangedInBackground();
  return written;
}
