import "server-only";
import { randomUUID } from "node:crypto";
import { getDatabase } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { hashSecret, verifySecret } from "@/lib/security/secret-hash";
import type { Role } from "@/lib/domain/roles";

/**
 * Sign-in users, in ops-hub's own database: local accounts (a password hash)
 * and users of the OpenID Connect provider (linked by issuer and subject,
 * with no usable password). Both share one row each, so an admin sees,
 * demotes and disables them in one place.
 */
export type User = { id: string; username: string; role: Role };

export type UserListing = User & {
  disabled: boolean;
  /** undefined: a local account. */
  oidcIssuer?: string;
  createdAt: string;
  lastSignInAt?: string;
};

export class UsernameTaken extends Error {
  constructor(readonly username: string) {
    super(`The username ${username} is taken`);
    this.name = "UsernameTaken";
  }
}

// Checked when the username is unknown, so a miss costs as long as a hit.
let decoyHash: Promise<string> | undefined;

async function spendDecoyCheck(password: string): Promise<void> {
  decoyHash ??= hashSecret(randomUUID());
  await verifySecret(password, await decoyHash);
}

const NO_PASSWORD = "!";

export async function verifyCredentials(username: string, password: string): Promise<User | null> {
  const db = await getDatabase();
  const row = await db
    .selectFrom("users")
    .select(["id", "username", "role", "password_hash", "disabled"])
    .where("username", "=", username)
    .executeTakeFirst();
  // Users of the identity provider have no local password.
  if (!row || row.disabled || row.password_hash === NO_PASSWORD) {
    await spendDecoyCheck(password);
    return null;
  }
  return (await verifySecret(password, row.password_hash))
    ? { id: row.id, username: row.username, role: row.role }
    : null;
}

export async function findUser(username: string): Promise<User | null> {
  const db = await getDatabase();
  const row = await db
    .selectFrom("users")
    .select(["id", "username", "role"])
    .where("username", "=", username)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * What a session's user is now: enabled, with their current name and role,
 * and whether this session was ended (signed out, or cut off by a password
 * reset). One indexed read; null when the user is gone or disabled.
 */
export async function sessionStanding(
  userId: string,
  sessionId: string,
): Promise<(User & { ended: boolean; sessionsSince: string | null }) | null> {
  const db = await getDatabase();
  const row = await db
    .selectFrom("users")
    .select((eb) => [
      "id",
      "username",
      "role",
      "sessions_since",
      eb
        .exists(
          eb.selectFrom("ended_sessions").select("session_id").where("session_id", "=", sessionId),
        )
        .as("ended"),
    ])
    .where("id", "=", userId)
    .where("disabled", "=", 0)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    sessionsSince: row.sessions_since,
    // SQLite answers 0/1, PostgreSQL a boolean.
    ended: Boolean(Number(row.ended)),
  };
}

/** Records a signed-out session as over, until it would have expired; forgets expired ones. */
export async function endSession(sessionId: string, expiresAt: Date): Promise<void> {
  const db = await getDatabase();
  const now = new Date().toISOString();
  await db.deleteFrom("ended_sessions").where("expires_at", "<", now).execute();
  await db
    .insertInto("ended_sessions")
    .values({ session_id: sessionId, expires_at: expiresAt.toISOString() })
    .onConflict((oc) => oc.column("session_id").doNothing())
    .execute();
}

async function selectUsers() {
  const db = await getDatabase();
  return db
    .selectFrom("users")
    .leftJoin("oidc_identities", "oidc_identities.user_id", "users.id")
    .select([
      "users.id",
      "users.username",
      "users.role",
      "users.disabled",
      "users.created_at",
      "oidc_identities.issuer",
      "oidc_identities.last_sign_in_at",
    ]);
}

type UserRow = User & {
  disabled: number;
  created_at: string;
  issuer: string | null;
  last_sign_in_at: string | null;
};

function toListing(row: UserRow): UserListing {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    disabled: row.disabled !== 0,
    oidcIssuer: row.issuer ?? undefined,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at ?? undefined,
  };
}

export async function listUsers(): Promise<UserListing[]> {
  const rows = await (await selectUsers()).orderBy("users.username").execute();
  return rows.map(toListing);
}

export async function findUserById(id: string): Promise<UserListing | null> {
  const row = await (await selectUsers()).where("users.id", "=", id).executeTakeFirst();
  return row ? toListing(row) : null;
}

export async function createUser(username: string, password: string, role: Role): Promise<User> {
  const db = await getDatabase();
  const now = new Date().toISOString();
  const user = { id: randomUUID(), username, role };
  try {
    await db
      .insertInto("users")
      .values({
        ...user,
        password_hash: await hashSecret(password),
        disabled: 0,
        created_at: now,
        updated_at: now,
        sessions_since: null,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new UsernameTaken(username);
    throw error;
  }
  return user;
}

export async function setUserRole(id: string, role: Role): Promise<void> {
  const db = await getDatabase();
  await db
    .updateTable("users")
    .set({ role, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
}

/** A disabled user cannot sign in, and their open sessions stop working at their next request. */
export async function setUserDisabled(id: string, disabled: boolean): Promise<void> {
  const db = await getDatabase();
  await db
    .updateTable("users")
    .set({ disabled: disabled ? 1 : 0, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
}

/** A new password for a local account; every session the user had before is over. */
export async function resetPassword(id: string, password: string): Promise<void> {
  const db = await getDatabase();
  const now = new Date().toISOString();
  await db
    .updateTable("users")
    .set({ password_hash: await hashSecret(password), sessions_since: now, updated_at: now })
    .where("id", "=", id)
    .where("password_hash", "!=", NO_PASSWORD)
    .execute();
}

/**
 * A successful sign-in through the identity provider: the user linked to
 * (issuer, subject), created on first sign-in, with the role the provider's
 * groups grant now. Users are never matched by name or e-mail, so nobody
 * takes over a local account by choosing its name at the provider; a name
 * that is taken gets a number.
 */
export async function recordOidcSignIn(identity: {
  issuer: string;
  subject: string;
  username: string;
  role: Role;
}): Promise<User & { disabled: boolean }> {
  const db = await getDatabase();
  const now = new Date().toISOString();
  const linked = await db
    .selectFrom("oidc_identities")
    .innerJoin("users", "users.id", "oidc_identities.user_id")
    .select(["users.id", "users.username", "users.disabled"])
    .where("oidc_identities.issuer", "=", identity.issuer)
    .where("oidc_identities.subject", "=", identity.subject)
    .executeTakeFirst();
  if (linked) {
    if (linked.disabled) return { ...linked, role: identity.role, disabled: true };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("users")
        .set({ role: identity.role, updated_at: now })
        .where("id", "=", linked.id)
        .execute();
      await trx
        .updateTable("oidc_identities")
        .set({ last_sign_in_at: now })
        .where("user_id", "=", linked.id)
        .execute();
    });
    return { id: linked.id, username: linked.username, role: identity.role, disabled: false };
  }

  for (let attempt = 1; attempt <= 20; attempt++) {
    const username = attempt === 1 ? identity.username : `${identity.username}-${attempt}`;
    const id = randomUUID();
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("users")
          .values({
            id,
            username,
            role: identity.role,
            password_hash: NO_PASSWORD,
            disabled: 0,
            created_at: now,
            updated_at: now,
            sessions_since: null,
          })
          .execute();
        await trx
          .insertInto("oidc_identities")
          .values({
            issuer: identity.issuer,
            subject: identity.subject,
            user_id: id,
            created_at: now,
            last_sign_in_at: now,
          })
          .execute();
      });
      return { id, username, role: identity.role, disabled: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The name is taken, or a parallel first sign-in linked this identity.
      const raced = await db
        .selectFrom("oidc_identities")
        .select("user_id")
        .where("issuer", "=", identity.issuer)
        .where("subject", "=", identity.subject)
        .executeTakeFirst();
      if (raced) return recordOidcSignIn(identity);
    }
  }
  throw new Error("could not find a free username for this identity");
}
