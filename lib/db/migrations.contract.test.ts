import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/fresh-database";
import { connectDatabase, type Db } from "./database";
import { migrationProvider } from "./migrations";

/** A store written by an older ops-hub keeps its data through the migrations since. */
const targets: [string, string | undefined][] = [
  ["SQLite", undefined],
  ["PostgreSQL", process.env.TEST_DATABASE_URL],
];

for (const [engine, url] of targets) {
  describe.skipIf(engine === "PostgreSQL" && !url)(`migrations on ${engine}`, () => {
    let db: Db | undefined;
    afterEach(() => db?.destroy());

    it("gives the latest events of an existing store their whole event (0011)", async () => {
      db = await connectDatabase({
        databaseUrl: url && (await freshDatabase(url, "migrations")),
        dataDir: mkdtempSync(path.join(tmpdir(), "ops-hub-migrations-")),
      });
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo("0010_widget_versions_by_hub")).error).toBeUndefined();

      const at = (minute: number) => `2026-11-30T10:0${minute}:00.000Z`;
      await db
        .insertInto("hubs")
        .values({ id: "h", name: "Hub", slug: "hub", hub_kind: "ops", created_at: at(0) })
        .execute();
      const event = (id: string, minute: number, outcome: string) => ({
        id,
        hub_id: "h",
        widget_id: "w",
        event_type: "ops-probe-result",
        view_context: `ctx-${id}`,
        metadata: JSON.stringify({ outcome }),
        recorded_by: "probe",
        created_at: at(minute),
      });
      await db
        .insertInto("interaction_events")
        .values([event("old", 1, "fail"), event("new", 2, "pass")])
        .execute();
      // The table as 0002 made it: the event's id and time only.
      await db
        .insertInto("latest_events")
        .values({
          widget_id: "w",
          event_type: "ops-probe-result",
          hub_id: "h",
          event_id: "new",
          created_at: at(2),
        } as never)
        .execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await db.selectFrom("latest_events").selectAll().execute()).toEqual([
        {
          widget_id: "w",
          event_type: "ops-probe-result",
          hub_id: "h",
          event_id: "new",
          view_context: "ctx-new",
          metadata: JSON.stringify({ outcome: "pass" }),
          recorded_by: "probe",
          created_at: at(2),
        },
      ]);
    });
  });
}
