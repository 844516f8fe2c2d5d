import type { z } from "zod";
import type * as wire from "@/lib/interhub/wire";
import type { Database } from "@/lib/db/schema";
import { unreadableMetadata } from "@/lib/domain/metadata";

/**
 * Database rows in the v2 wire shapes. The shapes themselves are owned by
 * `lib/interhub/wire.ts`; the return types tie each mapper to its schema.
 */
/** Stored metadata; a row whose text is not JSON still answers, with what is wrong in its place. */
const json = (text: string): Record<string, unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return unreadableMetadata(`stored metadata is not valid JSON (${text.length} characters)`);
  }
  if (value && typeof value === "object" && !Array.isArray(value))
    return value as Record<string, unknown>;
  return unreadableMetadata(`stored metadata is not a JSON object`);
};
const list = (text: string) => JSON.parse(text) as string[];

export const hub = (row: Database["hubs"]): z.output<typeof wire.wireHub> => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  domain: row.domain,
  hub_kind: row.hub_kind,
  hub_family: row.hub_family,
  vsm_function: row.vsm_function,
  vsm_system: row.vsm_system,
  createdAt: row.created_at,
});

export const manifest = (row: Database["manifests"]): z.output<typeof wire.wireManifest> => ({
  id: row.id,
  hubId: row.hub_id,
  status: row.status,
  description: row.description,
  widgetTypes: list(row.widget_types),
  eventTypes: list(row.event_types),
  annotationCategories: list(row.annotation_categories),
  policyScopes: list(row.policy_scopes),
  metadata: json(row.metadata),
  createdAt: row.created_at,
  activatedAt: row.activated_at,
});

export const apiConsumer = (
  row: Database["api_consumers"],
): z.output<typeof wire.wireApiConsumer> => ({
  id: row.id,
  name: row.name,
  hubId: row.hub_id,
  createdAt: row.created_at,
});

export const apiKey = (row: Database["api_keys"]): z.output<typeof wire.wireApiKey> => ({
  id: row.id,
  consumerId: row.consumer_id,
  prefix: row.prefix,
  scopes: list(row.scopes),
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
});

export const widget = (row: Database["widgets"]): z.output<typeof wire.wireWidget> => ({
  id: row.id,
  hubId: row.hub_id,
  widgetType: row.widget_type,
  slug: row.slug,
  name: row.name,
  metadata: json(row.metadata),
  version: Number(row.version),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const event = (
  row: Database["interaction_events"],
): z.output<typeof wire.wireInteractionEvent> => ({
  id: row.id,
  hubId: row.hub_id,
  widgetId: row.widget_id,
  eventType: row.event_type,
  viewContext: row.view_context,
  metadata: json(row.metadata),
  recordedBy: row.recorded_by,
  createdAt: row.created_at,
});

export const annotation = (row: Database["annotations"]): z.output<typeof wire.wireAnnotation> => ({
  id: row.id,
  hubId: row.hub_id,
  widgetId: row.widget_id,
  category: row.category,
  body: row.body,
  metadata: json(row.metadata),
  recordedBy: row.recorded_by,
  createdAt: row.created_at,
});
