import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startAppServer } from "../../scripts/app-server.mjs";
import { openDatabase } from "@/lib/db/database";
import { sha256 } from "@/lib/security/secret-hash";

/**
 * A store that holds what the API no longer accepts — items written before
 * the metadata limits, or text damaged on disk — must not take ops-hub down:
 * the server starts, its pages answer, and each such item is listed with what
 * is wrong in place of its metadata.
 */
describe("a store holding unreadable and huge metadata", () => {
  it("starts, serves, and names the problem instead of crashing", async () => {
    const first = await startAppServer({ name: "bad-metadata" });
    await first.stop();

    const db = await openDatabase({ dataDir: first.dataDir });
    const { id: hubId } = await db
      .selectFrom("hubs")
      .select("id")
      .where("slug", "=", "ops-hub")
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const row = (slug: string, metadata: string) => ({
      id: randomUUID(),
      hub_id: hubId,
      widget_type: "ops-service",
      slug,
      name: slug,
      metadata,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    // 30 items of about 1 MiB each, in many small objects (the costliest shape to parse and hold).
    const huge = JSON.stringify({
      purpose: "x",
      parts: Array.from({ length: 16_000 }, (_, i) => ({ n: i, label: `part ${i}` })),
    });
    expect(huge.length).toBeGreaterThan(400_000);
    for (let i = 0; i < 30; i++)
      await db.insertInto("widgets").values(row(`ops-service-huge-${i}`, huge + " ".repeat(600_000))).execute();
    await db.insertInto("widgets").values(row("ops-service-damaged", '{"purpose": "cut off')).execute();
    const token = randomBytes(32).toString("base64url");
    await db
      .insertInto("screen_links")
      .values({
        id: randomUUID(),
        token_hash: sha256(token),
        wave_slug: "ops-migration-coulombcore-to-threephoenix",
        label: "test",
        created_by: JSON.stringify({ id: "test", name: "test" }),
        created_at: now,
        expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        revoked_at: null,
      })
      .execute();
    await db.destroy();

    const server = await startAppServer({ name: "bad-metadata", dataDir: first.dataDir });
    try {
      // The board reads the whole hub, huge and damaged items included.
      const started = Date.now();
      const board = await fetch(`${server.url}/api/screen/${token}`);
      expect(board.status).toBe(200);
      console.info(`first board read over 30 × 1 MiB of metadata: ${Date.now() - started} ms`);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

      const key = readFileSync(path.join(server.dataDir, "keys", "ops-hub-runtime.key"), "utf8");
      const damaged = await fetch(`${server.url}/api/v2/widgets?hub=ops-hub&slug=ops-service-damaged`, {
        headers: { authorization: `Bearer ${key.trim()}` },
      });
      expect(damaged.status).toBe(200);
      const { data } = (await damaged.json()) as { data: { metadata: Record<string, unknown> }[] };
      expect(data[0]!.metadata).toEqual({
        "x-ops-hub-unreadable": expect.stringMatching(/^stored metadata is not valid JSON/),
      });
      expect(readFileSync(server.logFile, "utf8")).not.toMatch(/heap out of memory|FATAL ERROR/);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
