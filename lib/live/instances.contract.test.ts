import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAppServer, type AppServer } from "../../scripts/app-server.mjs";
import { openDatabase, type Db } from "@/lib/db/database";
import { sha256 } from "@/lib/security/secret-hash";
import type { BoardView } from "@/lib/domain/board-view";

/**
 * Several instances of ops-hub on one PostgreSQL database: a write made
 * through one reaches the other's pages within a second, announced by
 * PostgreSQL (LISTEN/NOTIFY), not found by a timer — the second instance's
 * change stream fires, and its board shows the write.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const WAVE = "ops-migration-coulombcore-to-threephoenix";
const GATE = "ops-readiness-rollback";

describe.skipIf(!databaseUrl)("two ops-hub instances on one PostgreSQL", () => {
  let second: AppServer;
  let db: Db;
  beforeAll(async () => {
    second = await startAppServer({ name: "second-pg", env: { DATABASE_URL: databaseUrl! } });
    db = await openDatabase({ databaseUrl, dataDir: "unused" });
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await db?.destroy();
  });

  /** A screen link for the wave, straight into the shared database: the second instance's board without signing in. */
  async function screenToken(): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    const now = new Date();
    await db
      .insertInto("screen_links")
      .values({
        id: randomUUID(),
        token_hash: sha256(token),
        wave_slug: WAVE,
        label: "second instance",
        created_by: JSON.stringify({ id: "test", name: "test" }),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
        revoked_at: null,
      })
      .execute();
    return token;
  }

  /** Opens a change stream; once it is ready, `changed` resolves with the time of its first `change` event. */
  async function openStream(url: string, signal: AbortSignal) {
    const response = await fetch(url, { signal });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const next = async () => {
      const { value, done } = await reader.read();
      if (done) throw new Error("the change stream ended");
      text += value;
    };
    while (!text.includes("event: ready")) await next();
    const changed = (async () => {
      while (!text.includes("event: change")) await next();
      return Date.now();
    })();
    return { changed };
  }

  it("a write through one instance reaches the other's stream and board within 1 s", async () => {
    const first = inject("appPgUrl")!;
    const key = readFileSync(
      path.join(inject("appPgDataDir")!, "keys", "ops-hub-runtime.key"),
      "utf8",
    ).trim();
    const token = await screenToken();
    const board = async () => {
      const response = await fetch(`${second.url}/api/screen/${token}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as BoardView).gates.find((gate) => gate.slug === GATE)!;
    };
    const body = `blocker ${randomUUID()}`;
    expect((await board()).blockers.map((b) => b.body)).not.toContain(body);

    const abort = new AbortController();
    try {
      const stream = await openStream(`${second.url}/api/screen/${token}/live`, abort.signal);
      // Let the stream settle: a change before this point would be another test's.
      const settled = await Promise.race([
        stream.changed.then(() => "changed"),
        new Promise((resolve) => setTimeout(resolve, 300, "quiet")),
      ]);
      expect(settled).toBe("quiet");

      const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
      const gate = (await (
        await fetch(`${first}/api/v2/widgets?hub=ops-hub&slug=${GATE}`, { headers: auth })
      ).json()) as { data: { id: string }[] };
      const written = Date.now();
      const created = await fetch(`${first}/api/v2/annotations`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          widgetId: gate.data[0]!.id,
          category: "ops-readiness-blocker",
          body,
          metadata: {},
        }),
      });
      expect(created.status).toBe(201);

      const heardAt = await Promise.race([
        stream.changed,
        new Promise<number>((resolve) => setTimeout(resolve, 1_000, Number.POSITIVE_INFINITY)),
      ]);
      expect(heardAt - written, "the second instance's stream did not hear the write").toBeLessThan(
        1_000,
      );
      let shownAt = 0;
      while (Date.now() - written < 1_000) {
        if ((await board()).blockers.some((b) => b.body === body)) {
          shownAt = Date.now();
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(shownAt, "the second instance's board did not show the write within 1 s").not.toBe(0);
      console.info(
        `second instance: stream heard the write after ${heardAt - written} ms, board showed it after ${shownAt - written} ms`,
      );
    } finally {
      abort.abort();
    }
  });
});
