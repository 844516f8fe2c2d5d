import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/database";
import { createHubHandler } from "@/lib/embedded-hub/http";
import { createHubService } from "@/lib/embedded-hub/service";
import { createInterHubClient, type InterHubClient } from "@/lib/interhub/client";
import type { HubWrite } from "@/lib/interhub/hub-write";
import { freshDatabase } from "@/test/fresh-database";
import { fetchCheckedAgainst } from "@/test/openapi-responses";
import { createOutbox } from "./outbox";

/**
 * A form's submission id is its idempotency key: the same form sent twice is
 * answered once, but the same id with other content, or from another user,
 * is refused, and an id is remembered for a day, as Inter-Hub remembers it.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;

const stores: [string, boolean][] = [
  ["SQLite", true],
  ["PostgreSQL", !!databaseUrl],
];

for (const [name, available] of stores) {
  describe.skipIf(!available)(`outbox submission ids (${name})`, () => {
    const dbs: Db[] = [];
    const slug = `sub-${Math.random().toString(36).slice(2, 8)}`;
    let clockMs = 0;
    const now = () => new Date(Date.now() + clockMs);
    let runtime: InterHubClient;
    let hubAnswers: ReturnType<typeof fetchCheckedAgainst>;

    const open = async () => {
      const db = await openDatabase({
        databaseUrl:
          databaseUrl && name === "PostgreSQL"
            ? await freshDatabase(databaseUrl, "submission")
            : undefined,
        dataDir: mkdtempSync(path.join(tmpdir(), "ops-hub-submission-")),
      });
      dbs.push(db);
      return db;
    };

    beforeAll(async () => {
      const service = createHubService(await open(), { now });
      const handle = createHubHandler(service);
      hubAnswers = fetchCheckedAgainst("http://embedded-hub.invalid/api/v2", (input, init) =>
        handle(new Request(input, init)),
      );
      const fetchHub = hubAnswers.fetch;
      const { key: operatorKey } = await service.createBootstrapOperatorKey("submission-operator");
      const clientFor = (key: string) =>
        createInterHubClient({
          baseUrl: "http://embedded-hub.invalid/api/v2",
          apiKey: () => key,
          fetch: fetchHub,
          retries: 0,
        });
      const operator = clientFor(operatorKey);
      const hub = await operator.createHub({ name: "Submission ids", slug });
      const manifest = await operator.createManifest({
        hubId: hub.id,
        widgetTypes: [`${slug}-thing`],
        annotationCategories: [`${slug}-note`],
      });
      await operator.activateManifest(manifest.id);
      const consumer = await operator.createApiConsumer({ name: "runtime", hubId: hub.id });
      const { key } = await operator.createApiKey(consumer.id, {
        scopes: [`hub:${slug}:read`, `hub:${slug}:write`],
      });
      runtime = clientFor(key);
      await runtime.createWidget({
        hubId: hub.id,
        widgetType: `${slug}-thing`,
        slug: "target",
        name: "Target",
      });
    });
    afterAll(async () => {
      await Promise.all(dbs.map((db) => db.destroy()));
    });
    afterEach(() => {
      expect(hubAnswers.violations.splice(0)).toEqual([]);
    });

    it("answers a repeat once, refuses the same id with other content or from another user, and forgets it after a day", async () => {
      const outbox = createOutbox({ db: await open(), client: async () => runtime, now });
      const note = (body: string): HubWrite => ({
        hub: slug,
        kind: "annotation",
        payload: { widgetSlug: "target", category: `${slug}-note`, body, metadata: {} },
      });
      const alice = { id: "alice", name: "Alice" };
      const meta = (author: typeof alice) => ({
        summary: "a note",
        author,
        idempotencyKey: "form:11111111-1111-4111-8111-111111111111",
      });
      const notes = async () =>
        (await runtime.listAnnotations({ hub: slug })).items.map((a) => a.body);

      const first = await outbox.submit(note("first"), meta(alice));
      expect(first.status).toBe("delivered");
      const repeat = await outbox.submit(note("first"), meta(alice));
      expect(repeat).toMatchObject({ status: "delivered", id: first.id });

      const changed = await outbox.submit(note("changed"), meta(alice));
      expect(changed).toMatchObject({
        status: "rejected",
        reason: expect.stringContaining("already sent with other content"),
      });
      const otherUser = await outbox.submit(note("first"), meta({ id: "mallory", name: "M" }));
      expect(otherUser.status).toBe("rejected");
      expect(await notes()).toEqual(["first"]);

      clockMs += 24 * 3_600_000 + 1_000;
      const nextDay = await outbox.submit(note("a day later"), meta(alice));
      expect(nextDay.status).toBe("delivered");
      expect((await notes()).sort()).toEqual(["a day later", "first"]);
    });
  });
}
