import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/lib/db/database";
import {
  createUser,
  endSession,
  findUserById,
  listUsers,
  recordOidcSignIn,
  resetPassword,
  sessionStanding,
  setUserDisabled,
  setUserRole,
  UsernameTaken,
  verifyCredentials,
} from "./users";

/** The sign-in users' data layer on both databases, as the server runs it. */
let db: Db;
vi.mock("@/lib/db", () => ({ getDatabase: async () => db }));

const databaseUrl = process.env.TEST_DATABASE_URL;
const ISSUER = "https://id.example.org/realms/ops";

function usersContract(open: () => Promise<Db>, close: () => void = () => {}) {
  // Names unique per run: the PostgreSQL database is shared with the contract servers.
  const run = Math.random().toString(36).slice(2, 8);
  const name = (base: string) => `${base}-${run}`;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db.destroy();
    close();
  });

  it("links a provider user by issuer and subject, never by name, and keeps no password", async () => {
    const local = await createUser(name("olivia"), "a-local-password", "viewer");
    const first = await recordOidcSignIn({
      issuer: ISSUER,
      subject: `sub-1-${run}`,
      username: name("olivia"),
      role: "operator",
    });
    // The local account's name is taken: the provider user gets a number, not the account.
    expect(first).toMatchObject({ username: `${name("olivia")}-2`, role: "operator" });
    expect(first.id).not.toBe(local.id);

    const again = await recordOidcSignIn({
      issuer: ISSUER,
      subject: `sub-1-${run}`,
      username: "renamed-at-the-provider",
      role: "approver",
    });
    expect(again).toEqual({ ...first, role: "approver" });
    // The same subject at another issuer is someone else.
    const elsewhere = await recordOidcSignIn({
      issuer: "https://other.example.org",
      subject: `sub-1-${run}`,
      username: name("olivia"),
      role: "viewer",
    });
    expect(elsewhere.id).not.toBe(first.id);

    expect(await verifyCredentials(first.username, "!")).toBeNull();
    expect(await verifyCredentials(first.username, "")).toBeNull();
    expect(await verifyCredentials(local.username, "a-local-password")).toMatchObject({
      id: local.id,
    });

    const listed = await findUserById(first.id);
    expect(listed).toMatchObject({ oidcIssuer: ISSUER, role: "approver", disabled: false });
    expect(listed?.lastSignInAt).toBeDefined();
    expect((await listUsers()).find((user) => user.id === local.id)?.oidcIssuer).toBeUndefined();
    // A provider user has no password to reset.
    await resetPassword(first.id, "some-new-password");
    expect(await verifyCredentials(first.username, "some-new-password")).toBeNull();
  });

  it("refuses a taken username for a new local account", async () => {
    await createUser(name("casey"), "casey-password-1", "viewer");
    await expect(createUser(name("casey"), "casey-password-2", "admin")).rejects.toBeInstanceOf(
      UsernameTaken,
    );
  });

  it("tells a session what its user is now: role, disabled, signed out, cut off", async () => {
    const user = await createUser(name("sam"), "sam-password-12", "viewer");
    expect(await sessionStanding(user.id, "session-a")).toEqual({
      ...user,
      ended: false,
      sessionsSince: null,
    });
    await setUserRole(user.id, "operator");
    expect((await sessionStanding(user.id, "session-a"))?.role).toBe("operator");

    await endSession(`session-a-${run}`, new Date(Date.now() + 60_000));
    await endSession(`session-a-${run}`, new Date(Date.now() + 60_000)); // twice is fine
    expect((await sessionStanding(user.id, `session-a-${run}`))?.ended).toBe(true);
    expect((await sessionStanding(user.id, `session-b-${run}`))?.ended).toBe(false);

    await resetPassword(user.id, "sam-new-password");
    const since = (await sessionStanding(user.id, "x"))?.sessionsSince;
    expect(Date.parse(since ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(await verifyCredentials(user.username, "sam-new-password")).toMatchObject({
      id: user.id,
    });

    await setUserDisabled(user.id, true);
    expect(await sessionStanding(user.id, "x")).toBeNull();
    expect(await verifyCredentials(user.username, "sam-new-password")).toBeNull();
    await setUserDisabled(user.id, false);
    expect(await sessionStanding(user.id, "x")).not.toBeNull();
  });

  it("a disabled provider user stays disabled at their next sign-in", async () => {
    const identity = {
      issuer: ISSUER,
      subject: `sub-2-${run}`,
      username: name("avery"),
      role: "admin" as const,
    };
    const user = await recordOidcSignIn(identity);
    await setUserDisabled(user.id, true);
    expect(await recordOidcSignIn(identity)).toMatchObject({ id: user.id, disabled: true });
    expect(await sessionStanding(user.id, "x")).toBeNull();
  });
}

describe("sign-in users on SQLite", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ops-hub-users-"));
  usersContract(
    () => openDatabase({ dataDir }),
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
});

describe.skipIf(!databaseUrl)("sign-in users on PostgreSQL", () => {
  usersContract(() => openDatabase({ databaseUrl, dataDir: "unused" }));
});
