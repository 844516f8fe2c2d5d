import { randomToken, sha256, verifySecret } from "@/lib/security/secret-hash";
import { HubFault } from "../faults";
import type { HubContext, Principal } from "./context";

export const TOKEN_LIFETIME_SECONDS = 3600;
const VERIFIED_KEY_CACHE_MS = 5 * 60_000;
const PRINCIPAL_CACHE_MS = 1_000;

/** Who calls: static keys, the short-lived tokens they are exchanged for, and their scopes. */
export function createAccess({ db, now }: HubContext) {
  // Key checks are slow on purpose (scrypt); a verified key is remembered for a
  // few minutes by its digest, never by its value.
  const verifiedKeys = new Map<string, { keyId: string; until: number }>();

  /**
   * A key's consumer and scopes, read again at most every second: an ingest
   * would otherwise pay a query for them on every event, and a key revoked in
   * the database (by any instance) still stops working within a second.
   */
  const principals = new Map<string, { principal: Principal | null; until: number }>();

  async function principalForKey(keyId: string): Promise<Principal | null> {
    const cached = principals.get(keyId);
    if (cached && cached.until > Date.now()) return cached.principal;
    const principal = await readPrincipal(keyId);
    principals.set(keyId, { principal, until: Date.now() + PRINCIPAL_CACHE_MS });
    return principal;
  }

  async function readPrincipal(keyId: string): Promise<Principal | null> {
    const key = await db
      .selectFrom("api_keys")
      .select(["id", "consumer_id", "scopes"])
      .where("id", "=", keyId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return key
      ? { keyId: key.id, consumerId: key.consumer_id, scopes: JSON.parse(key.scopes) as string[] }
      : null;
  }

  /** Resolves `Authorization: Bearer <token or static key>`; null when absent or invalid. */
  async function authenticate(credential: string | undefined): Promise<Principal | null> {
    if (!credential) return null;
    if (credential.startsWith("iht_")) {
      const token = await db
        .selectFrom("access_tokens")
        .select(["key_id", "expires_at"])
        .where("token_hash", "=", sha256(credential))
        .executeTakeFirst();
      return token && token.expires_at > now() ? principalForKey(token.key_id) : null;
    }
    const keyId = await verifyStaticKey(credential);
    return keyId ? principalForKey(keyId) : null;
  }

  async function verifyStaticKey(key: string): Promise<string | null> {
    const digest = sha256(key);
    const cached = verifiedKeys.get(digest);
    if (cached && cached.until > Date.now()) return cached.keyId;
    const match = /^ihk_([0-9a-f]{8})_[A-Za-z0-9_-]{20,}$/.exec(key);
    if (!match) return null;
    const row = await db
      .selectFrom("api_keys")
      .select(["id", "hash"])
      .where("prefix", "=", match[1]!)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!row || !(await verifySecret(key, row.hash))) return null;
    verifiedKeys.set(digest, { keyId: row.id, until: Date.now() + VERIFIED_KEY_CACHE_MS });
    return row.id;
  }

  async function exchangeToken(staticKey: string | undefined) {
    const keyId =
      staticKey && !staticKey.startsWith("iht_") ? await verifyStaticKey(staticKey) : null;
    if (!keyId) throw HubFault.unauthenticated();
    const token = `iht_${randomToken()}`;
    const expiresAt = new Date(Date.parse(now()) + TOKEN_LIFETIME_SECONDS * 1000).toISOString();
    await db.deleteFrom("access_tokens").where("expires_at", "<", now()).execute();
    await db
      .insertInto("access_tokens")
      .values({ token_hash: sha256(token), key_id: keyId, expires_at: expiresAt })
      .execute();
    return {
      access_token: token,
      token_type: "Bearer" as const,
      expires_in: TOKEN_LIFETIME_SECONDS,
    };
  }

  return { authenticate, exchangeToken };
}
