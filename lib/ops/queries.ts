import "server-only";
import { cache } from "react";
import { listAll } from "@/lib/interhub/client";
import { getHubSlug, getInterHub } from "@/lib/interhub";

/**
 * Reads of the ops-hub hub for server components. Each is wrapped in React's
 * `cache`, so one render asks Inter-Hub for the same list once however many
 * components need it.
 */
export const listHubWidgets = cache(async () => {
  const client = await getInterHub();
  return listAll(client.listWidgets, { hub: getHubSlug() });
});

export const getWidgetBySlug = cache(async (slug: string) => {
  const client = await getInterHub();
  const page = await client.listWidgets({ hub: getHubSlug(), slug, perPage: 1 });
  return page.items[0] ?? null;
});

export const listWidgetEvents = cache(async (widgetId: string) => {
  const client = await getInterHub();
  return (await client.listEvents({ hub: getHubSlug(), widgetId, perPage: 50 })).items;
});
