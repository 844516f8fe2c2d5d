import "server-only";
import { getEmbeddedOperator, heldKeyPrefixes } from "@/lib/interhub";
import { listAll } from "@/lib/interhub/client";
import type { ApiKey } from "@/lib/interhub/wire";

/** A key as /admin shows it: never the key itself (only its hash is stored), its prefix and dates. */
export type AdminApiKey = ApiKey & {
  consumerName: string;
  /** This server's own key for its hub: revoking it would cut the app off. */
  heldByThisServer: boolean;
};

export type ApiKeyState = "active" | "revoked" | "expired";

/** Every API key of the embedded hub, newest first; null with a remote Inter-Hub. */
export async function listAdminApiKeys(): Promise<AdminApiKey[] | null> {
  const pending = getEmbeddedOperator();
  if (!pending) return null;
  const operator = await pending;
  const held = new Set(heldKeyPrefixes());
  const consumers = await listAll(operator.listApiConsumers);
  const keys = await Promise.all(
    consumers.map(async (consumer) =>
      (await listAll((params) => operator.listApiKeys(consumer.id, params))).map((key) => ({
        ...key,
        consumerName: consumer.name,
        heldByThisServer: held.has(key.prefix),
      })),
    ),
  );
  return keys.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function apiKeyState(key: ApiKey, now: Date): ApiKeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()) return "expired";
  return "active";
}
