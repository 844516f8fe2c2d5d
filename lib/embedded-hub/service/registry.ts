import type { ListQuery } from "@/lib/interhub/wire";
import { toCount } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import * as toWire from "../to-wire";
import { requireFramework, type HubContext, type Principal } from "./context";
import type { Hubs } from "./hubs";

/** Each hub with its active manifest and how much it holds. */
export function createRegistry(
  { db, requireHub }: HubContext,
  { listHubs }: Pick<Hubs, "listHubs">,
) {
  async function registryEntry(hub: Database["hubs"]) {
    const [manifest, widgets, events, annotations] = await Promise.all([
      db
        .selectFrom("manifests")
        .selectAll()
        .where("hub_id", "=", hub.id)
        .where("status", "=", "active")
        .executeTakeFirst(),
      db
        .selectFrom("widgets")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("hub_id", "=", hub.id)
        .executeTakeFirst(),
      db
        .selectFrom("interaction_events")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("hub_id", "=", hub.id)
        .executeTakeFirst(),
      db
        .selectFrom("annotations")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("hub_id", "=", hub.id)
        .executeTakeFirst(),
    ]);
    return {
      hub: toWire.hub(hub),
      manifest: manifest ? toWire.manifest(manifest) : null,
      counts: {
        widgets: toCount(widgets?.n),
        interactionEvents: toCount(events?.n),
        annotations: toCount(annotations?.n),
      },
    };
  }

  async function listHubRegistry(principal: Principal | null, query: ListQuery) {
    requireFramework(principal);
    const hubs = await listHubs(query);
    const rows = await db
      .selectFrom("hubs")
      .selectAll()
      .where("id", "in", hubs.data.map((h) => h.id).concat(""))
      .orderBy("name")
      .execute();
    return { data: await Promise.all(rows.map(registryEntry)), meta: hubs.meta };
  }

  async function getHubRegistryEntry(principal: Principal | null, hubIdOrSlug: string) {
    requireFramework(principal);
    return registryEntry(await requireHub(hubIdOrSlug));
  }

  return { listHubRegistry, getHubRegistryEntry };
}
