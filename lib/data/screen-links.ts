import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDatabase } from "@/lib/db";
import type { Database } from "@/lib/db/schema";
import { randomToken, sha256 } from "@/lib/security/secret-hash";
import { DAY_MS } from "@/lib/domain/time";

/**
 * Read-only links for a shared screen (a TV or projector) that show one
 * wave's present view without signing in. Security boundary: the random
 * token is the credential. Only its SHA-256 digest is stored (a 256-bit random
 * token needs no slow hash), the token itself is shown to the admin once and
 * never logged; a link counts until it is revoked or expires.
 */
export const MAX_SCREEN_LINK_DAYS = 90;
// randomToken(32): 32 bytes as base64url, 43 characters.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const personSchema = z.object({ id: z.string(), name: z.string() });

export type ScreenLink = {
  id: string;
  waveSlug: string;
  label: string;
  createdBy: z.infer<typeof personSchema>;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
};
export type ScreenLinkState = "active" | "revoked" | "expired";

function toLink(row: Database["screen_links"]): ScreenLink {
  let createdBy = { id: "", name: "unknown" };
  try {
    createdBy = personSchema.parse(JSON.parse(row.created_by));
  } catch {
    // An unreadable author does not hide the link: it can still be revoked.
  }
  return {
    id: row.id,
    waveSlug: row.wave_slug,
    label: row.label,
    createdBy,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at ?? undefined,
  };
}

export function screenLinkState(link: ScreenLink, now = new Date()): ScreenLinkState {
  if (link.revokedAt) return "revoked";
  return new Date(link.expiresAt) > now ? "active" : "expired";
}

/** Makes a link; the token is returned only here and is not recoverable afterwards. */
export async function createScreenLink(input: {
  waveSlug: string;
  label: string;
  days: number;
  createdBy: { id: string; name: string };
  now?: Date;
}): Promise<{ link: ScreenLink; token: string }> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SCREEN_LINK_DAYS)
    throw new RangeError(`A screen link lasts 1 to ${MAX_SCREEN_LINK_DAYS} days`);
  const now = input.now ?? new Date();
  const token = randomToken(32);
  const row: Database["screen_links"] = {
    id: randomUUID(),
    token_hash: sha256(token),
    wave_slug: input.waveSlug,
    label: input.label,
    created_by: JSON.stringify({ id: input.createdBy.id, name: input.createdBy.name }),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.days * DAY_MS).toISOString(),
    revoked_at: null,
  };
  const db = await getDatabase();
  await db.insertInto("screen_links").values(row).execute();
  return { link: toLink(row), token };
}

/** Every link, newest first, revoked and expired ones included (the admin's record). */
export async function listScreenLinks(): Promise<ScreenLink[]> {
  const db = await getDatabase();
  const rows = await db
    .selectFrom("screen_links")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(500)
    .execute();
  return rows.map(toLink);
}

/** Revokes a link; true when it was active until now. The screen stops at its next refresh. */
export async function revokeScreenLink(id: string, now = new Date()): Promise<boolean> {
  const db = await getDatabase();
  const result = await db
    .updateTable("screen_links")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The link a token opens and whether it still counts; undefined for an unknown token. */
export async function lookupScreenLink(
  token: string,
  now = new Date(),
): Promise<{ link: ScreenLink; state: ScreenLinkState } | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const db = await getDatabase();
  const row = await db
    .selectFrom("screen_links")
    .selectAll()
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const link = toLink(row);
  return { link, state: screenLinkState(link, now) };
}

/** The link, when the token is known, not revoked and not expired. */
export async function resolveScreenLink(
  token: string,
  now = new Date(),
): Promise<ScreenLink | undefined> {
  const found = await lookupScreenLink(token, now);
  return found?.state === "active" ? found.link : undefined;
}
