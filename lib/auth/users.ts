import "server-only";
import { randomUUID } from "node:crypto";
import { getDatabase } from "@/lib/db";
import { hashSecret, verifySecret } from "@/lib/security/secret-hash";
import type { Role } from "./roles";

/** Local accounts, in ops-hub's own database. */
export type User = { id: string; username: string; role: Role };

// Checked when the username is unknown, so a miss costs as long as a hit.
let decoyHash: Promise<string> | undefined;

export async function verifyCredentials(username: string, password: string): Promise<User | null> {
  const db = await getDatabase();
  const row = await db
    .selectFrom("users")
    .select(["id", "username", "role", "password_hash", "disabled"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (!row || row.disabled) {
    decoyHash ??= hashSecret(randomUUID());
    await verifySecret(password, await decoyHash);
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

export async function createUser(username: string, password: string, role: Role): Promise<User> {
  const db = await getDatabase();
  const now = new Date().toISOString();
  const user = { id: randomUUID(), username, role };
  await db
    .insertInto("users")
    .values({
      ...user,
      password_hash: await hashSecret(password),
      disabled: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return user;
}
