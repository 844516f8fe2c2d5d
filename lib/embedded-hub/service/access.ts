import { createThrottle } from "@/lib/auth/throttle";
import { randomToken, sha256, verifySecret } from "@/lib/security/secret-hash";
import { HubFault } from "../faults";
import type { HubContext, Principal } from "./context";

export const TOKEN_LIFETIME_SECONDS = 3600;
const VERIFIED_KEY_CACHE_MS = 5 * 60_000;
const PRINCIPAL_CACHE_MS = 500;
const LAST_USE_GRANULARITY_MS = 60_000;
const STATIC_KEY = /^ihk_([0-9a-f]{8})_[A-Za-z0-9_-]{20,}$/;

/** Who calls: static keys, the short-lived tokens they are exchanged for, and their scopes. */
export function createAccess({ db, now }: HubContext) {
  // Key checks are slow on purpose (scrypt); a verified key is remembered for a
  // few minutes by its digest, never by its value.
  const verifiedKeys = new Map<string, { keyId: string; until: number }>();

  /**
   * A key's consumer and scopes, read again at most twice a second: an ingest
   * would otherwise pay a query for them on every event, and a key revoked or
   * expired in the database (by any instance) still stops working, with every
   * token exchanged for it, within a second.
   */
  const principals = new Map<string, { principal: Principal | null; until: number }>();

  /**
   * Static-key checks, throttled as sign-in is (lib/auth/throttle.ts), with
   * the key's prefix as the username: an address that keeps failing is locked
   * out for a while (each guess at a real prefix costs a scrypt), and guesses
   * at one key from many addresses slow down. Tokens are not throttled: they
   * are looked up by digest, and a guess costs nothing.
   */
  const keyThrottle = createThrottle();

  /** When each key's last use was written, so it is written at most once a minute. */
  const lastUseWritten = new Map<string, number>();

  async function principalForKey(keyId: string): Promise<Principal | null> {
    const cached = principals.get(keyId);
    if (cached && cached.until > Date.now()) return cached.principal;
    const principal = await readPrincipal(keyId);
    principals.set(keyId, { principal, until: Date.now() + PRINCIPAL_CACHE_MS });
    if (principal) await recordUse(keyId);
    return principal;
  }

  async function readPrincipal(keyId: string): Promise<Principal | null> {
    const key = await db
      .selectFrom("api_keys")
      .select(["id", "consumer_id", "scopes"])
      .where("id", "=", keyId)
      .where("revoked_at", "is", null)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now())]))
      .executeTakeFirst();
    return key
      ? { keyId: key.id, consumerId: key.consumer_id, scopes: JSON.parse(key.scopes) as string[] }
      : null;
  }

  async function recordUse(keyId: string) {
    const written = lastUseWritten.get(keyId) ?? 0;
    if (Date.now() - written < LAST_USE_GRANULARITY_MS) return;
    lastUseWritten.set(keyId, Date.now());
    await db.updateTable("api_keys").set({ last_used_at: now() }).where("id", "=", keyId).execute();
  }

  /** Drops what this instance remembers of a key (it was revoked here). */
  function forgetKey(keyId: string) {
    principals.delete(keyId);
    for (const [digest, entry] of verifiedKeys)
      if (entry.keyId === keyId) verifiedKeys.delete(digest);
  }

  /**
   * Resolves `Authorization: Bearer <token or static key>`; null when absent
   * or invalid. A client address that failed too many key checks is refused
   * with 429 before its key is checked.
   */
  async function authenticate(
    credential: string | undefined,
    address?: string,
  ): Promise<Principal | null> {
    if (!credential) return null;
    if (credential.startsWith("iht_")) {
      const token = await db
        .selectFrom("access_tokens")
        .select(["key_id", "expires_at"])
        .where("token_hash", "=", sha256(credential))
        .executeTakeFirst();
      return token && token.expires_at > now() ? principalForKey(token.key_id) : null;
    }
    const keyId = await checkStaticKey(credential, address);
    return keyId ? principalForKey(keyId) : null;
  }

  /** A static key's id when it is valid; counted against the address before it is checked. */
  async function checkStaticKey(key: string, address: string | undefined): Promise<string | null> {
    const prefix = STATIC_KEY.exec(key)?.[1] ?? "malformed";
    const attempt = keyThrottle.attempt({ username: prefix, address });
    if (!attempt.allowed) throw HubFault.tooManyRequests(Math.ceil(attempt.retryAfterMs / 1000));
    if (attempt.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, attempt.delayMs));
    const keyId = await verifyStaticKey(key);
    if (keyId) attempt.succeeded();
    return keyId;
  }

  async function verifyStaticKey(key: string): Promise<string | null> {
    const digest = sha256(key);
    const cached = verifiedKeys.get(digest);
    if (cached && cached.until > Date.now()) return cached.keyId;
    const prefix = STATIC_KEY.exec(key)?.[1];
    if (!prefix) return null;
    const row = await db
      .selectFrom("api_keys")
      .select(["id", "hash"])
      .where("prefix", "=", prefix)
      .where("revoked_at", "is", null)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now())]))
      .executeTakeFirst();
    if (!row || !(await verifySecret(key, row.hash))) return null;
    verifiedKeys.set(digest, { keyId: row.id, until: Date.now() + VERIFIED_KEY_CACHE_MS });
    return row.id;
  }

  async function exchangeToken(staticKey: string | undefined, address?: string) {
    const keyId =
      staticKey && !staticKey.startsWith("iht_") ? await checkStaticKey(staticKey, address) : null;
    // Verified a moment ago, but perhaps revoked or expired since it was cached.
    if (!keyId || !(await principalForKey(keyId))) throw HubFault.unauthenticated();
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

  return { authenticate, exchangeToken, forgetKey };
}
