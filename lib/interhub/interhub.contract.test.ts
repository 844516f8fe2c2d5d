import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hubTargets, type Target } from "@/test/hub-targets";
import { createInterHubClient, listAll, type InterHubClient } from "./client";
import type { HubChange } from "@/lib/domain/types";
import { InterHubError } from "./errors";

/**
 * One contract, four targets (test/hub-targets.ts): every assertion runs
 * unchanged against each, and every answer is checked against the OpenAPI
 * document the target publishes.
 */
for (const [name, makeTarget] of hubTargets()) {
  describe.skipIf(!makeTarget)(`Inter-Hub v2 contract: ${name}`, () => {
    let target: Target;
    let operator: InterHubClient;
    let runtime: InterHubClient;
    let runtimeKey: string;
    let readOnlyKey: string;
    let hubId: string;
    const run = Math.random().toString(36).slice(2, 8);
    const slug = `ct-${run}`;
    const vocab = {
      widgetTypes: [`${slug}-service`, `${slug}-endpoint`],
      eventTypes: [`${slug}-verified`],
      annotationCategories: [`${slug}-gap`],
      policyScopes: [`${slug}-prod`],
    };

    const clientFor = (key: string) =>
      createInterHubClient({
        baseUrl: target.baseUrl,
        apiKey: () => key,
        fetch: target.fetch,
        retries: 0,
      });
    const raw = (pathname: string, init: RequestInit = {}) =>
      target.fetch(`${target.baseUrl}${pathname}`, init);
    const rawJson = async (pathname: string, init: RequestInit = {}) => {
      const response = await raw(pathname, init);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const asKey = (key: string, body?: unknown): RequestInit => ({
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

    beforeAll(async () => {
      target = await makeTarget!();
      operator = clientFor(target.operatorKey);
      const hub = await operator.createHub({
        name: `Contract ${run}`,
        slug,
        hub_kind: "domain",
        hub_family: "vsm",
        vsm_function: "OPS",
        vsm_system: 1,
      });
      hubId = hub.id;
      const manifest = await operator.createManifest({ hubId, ...vocab });
      await operator.activateManifest(manifest.id);
      const consumer = await operator.createApiConsumer({ name: `${slug}-runtime`, hubId });
      runtimeKey = (
        await operator.createApiKey(consumer.id, {
          scopes: ["framework:read", `hub:${slug}:read`, `hub:${slug}:write`],
        })
      ).key;
      readOnlyKey = (await operator.createApiKey(consumer.id, { scopes: [`hub:${slug}:read`] }))
        .key;
      runtime = clientFor(runtimeKey);
    });

    afterAll(async () => target?.close());

    // An answer that breaks the published document fails the test that got it.
    afterEach(() => {
      expect(target.violations.splice(0)).toEqual([]);
    });

    it("answers public reads without a key, and 401 invalid_api_key elsewhere", async () => {
      expect((await raw("/hubs")).status).toBe(200);
      expect((await raw("/policy-scopes")).status).toBe(200);
      expect(await rawJson("/widgets")).toEqual({
        status: 401,
        body: { error: "invalid_api_key" },
      });
      expect(await rawJson("/widgets", asKey("ihk_00000000_notarealkeynotarealkey00"))).toEqual({
        status: 401,
        body: { error: "invalid_api_key" },
      });
    });

    it("exchanges a static key for a Bearer token, and refuses a bad one", async () => {
      const { status, body } = await rawJson("/token", {
        method: "POST",
        headers: { authorization: `Bearer ${runtimeKey}` },
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
      expect(typeof body.access_token).toBe("string");
      expect(body.access_token).not.toContain(runtimeKey);
      expect((await rawJson(`/widgets?hub=${slug}`, asKey(String(body.access_token)))).status).toBe(
        200,
      );
      // A token is never a replay: each exchange gets a fresh one, with its full lifetime.
      const again = () =>
        raw("/token", {
          method: "POST",
          headers: { authorization: `Bearer ${runtimeKey}`, "idempotency-key": `token-${run}` },
        });
      const [first, second] = [await again(), await again()];
      expect(second.headers.get("idempotent-replay")).toBeNull();
      expect(((await second.json()) as { access_token: string }).access_token).not.toBe(
        ((await first.json()) as { access_token: string }).access_token,
      );
      const inBody = await rawJson("/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ api_key: runtimeKey }),
      });
      expect(inBody).toMatchObject({ status: 200, body: { token_type: "Bearer" } });
      expect(
        await rawJson("/token", {
          method: "POST",
          headers: { authorization: "Bearer ihk_deadbeef_wrongwrongwrongwrong" },
        }),
      ).toEqual({
        status: 401,
        body: { error: "invalid_api_key" },
      });
    });

    it("shares one token exchange among concurrent requests", async () => {
      const fresh = clientFor(runtimeKey);
      await Promise.all(Array.from({ length: 8 }, () => fresh.listWidgets({ hub: slug })));
      expect(fresh.tokenExchanges).toBe(1);
    });

    it("registers the activated manifest's vocabulary and shows the hub in the registry", async () => {
      const widgetTypes = await listAll(runtime.listWidgetTypes, { hub: slug });
      expect(widgetTypes.map((entry) => entry.name).sort()).toEqual([...vocab.widgetTypes].sort());
      expect((await listAll(runtime.listEventTypes, { hub: slug })).map((e) => e.name)).toEqual(
        vocab.eventTypes,
      );
      expect(
        (await listAll(runtime.listAnnotationCategories, { hub: slug })).map((e) => e.name),
      ).toEqual(vocab.annotationCategories);
      expect((await listAll(runtime.listPolicyScopes, { hub: slug })).map((e) => e.name)).toEqual(
        vocab.policyScopes,
      );
      const entry = await runtime.getHubRegistryEntry(slug);
      expect(entry.hub).toMatchObject({
        slug,
        kind: "domain",
        family: "vsm",
        vsmFunction: "OPS",
        vsmSystem: "1",
      });
      expect(entry.manifest?.status).toBe("active");
    });

    it("refuses a vocabulary another hub's active manifest holds with 409", async () => {
      const other = await operator.createHub({ name: `Other ${run}`, slug: `${slug}-other` });
      const manifest = await operator.createManifest({
        hubId: other.id,
        widgetTypes: [vocab.widgetTypes[0]!],
      });
      await expect(operator.activateManifest(manifest.id)).rejects.toMatchObject({
        code: "conflict",
      });
    });

    it("keeps keys secret: prefix and scopes only after creation", async () => {
      const consumers = await listAll(operator.listApiConsumers);
      const consumer = consumers.find((c) => c.name === `${slug}-runtime`)!;
      const keys = await listAll((p) => operator.listApiKeys(consumer.id, p));
      expect(keys).toHaveLength(2);
      for (const key of keys) {
        expect(key.prefix).toMatch(/^[0-9a-f]{8}$/);
        expect(JSON.stringify(key)).not.toContain(runtimeKey.slice(13));
      }
      expect(runtimeKey).toContain(keys[0]!.prefix);
    });

    it("answers 403 insufficient_scope for a key without the scope", async () => {
      expect(await rawJson("/hubs", asKey(runtimeKey, { name: "X", slug: `${slug}-x` }))).toEqual({
        status: 403,
        body: { error: "insufficient_scope" },
      });
      const readOnly = clientFor(readOnlyKey);
      await expect(
        readOnly.createWidget({
          hubId,
          widgetType: vocab.widgetTypes[0]!,
          slug: "nope",
          name: "Nope",
        }),
      ).rejects.toMatchObject({ code: "insufficient_scope" });
      expect((await readOnly.listWidgets({ hub: slug })).total).toBeGreaterThanOrEqual(0);
    });

    it("creates, updates and deletes widgets, with a version per change", async () => {
      const widget = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[0]!,
        slug: "svc-a",
        name: "Service A",
        metadata: { purpose: "proves the contract", owner: { repo: "ops-hub" } },
      });
      expect(widget).toMatchObject({ slug: "svc-a", type: vocab.widgetTypes[0], version: 1 });
      expect(widget.metadata).toEqual({
        purpose: "proves the contract",
        owner: { repo: "ops-hub" },
      });
      const updated = await runtime.updateWidget(widget.id, { metadata: { purpose: "changed" } });
      expect(updated.version).toBe(2);
      expect((await runtime.getWidget(widget.id)).metadata).toEqual({ purpose: "changed" });
      await expect(
        runtime.createWidget({
          hubId,
          widgetType: vocab.widgetTypes[0]!,
          slug: "svc-a",
          name: "Again",
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      await runtime.deleteWidget(widget.id);
      await expect(runtime.getWidget(widget.id)).rejects.toMatchObject({ code: "not_found" });
    });

    it("answers a hub's widgets as they were at an instant [ours]", async () => {
      const tick = () => new Promise((resolve) => setTimeout(resolve, 15));
      const asOf = async (at: string) =>
        (await listAll((params) => runtime.listWidgetsAsOf(slug, at, params), {}, { perPage: 2 }))
          .filter((w) => w.slug.startsWith("past-"))
          .map((w) => `${w.slug}: ${w.name}`)
          .sort();
      const before = new Date().toISOString();
      await tick();
      const kept = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[0]!,
        slug: "past-kept",
        name: "First name",
      });
      const gone = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[0]!,
        slug: "past-gone",
        name: "Gone later",
      });
      await tick();
      const created = new Date().toISOString();
      await tick();
      await runtime.updateWidget(kept.id, { name: "Second name" });
      await runtime.deleteWidget(gone.id);
      await tick();

      expect(await asOf(before)).toEqual([]);
      expect(await asOf(created)).toEqual(["past-gone: Gone later", "past-kept: First name"]);
      expect(await asOf(new Date().toISOString())).toEqual(["past-kept: Second name"]);
      await expect(runtime.listWidgetsAsOf(slug, "yesterday")).rejects.toMatchObject({
        code: "bad_request",
      });
      await runtime.deleteWidget(kept.id);
    });

    describe("change feed [ours]", () => {
      /** Every change after `after`, following `next` page by page. */
      const follow = async (after: string, perPage = 3) => {
        const changes: HubChange[] = [];
        for (let cursor = after, pages = 0; pages < 1000; pages++) {
          const page = await runtime.listChanges(slug, { after: cursor, perPage });
          changes.push(...page.changes);
          cursor = page.next;
          if (!page.hasMore) return { changes, next: cursor };
        }
        throw new Error("the feed did not end");
      };
      const head = async () => (await runtime.listChanges(slug, { perPage: 1 })).head;

      it("lists a hub's writes in order, paged, with deletions and the items as they are", async () => {
        const start = await head();
        const widget = await runtime.createWidget({
          hubId,
          widgetType: vocab.widgetTypes[1]!,
          slug: "feed-a",
          name: "Feed A",
        });
        const gone = await runtime.createWidget({
          hubId,
          widgetType: vocab.widgetTypes[1]!,
          slug: "feed-gone",
          name: "Feed gone",
        });
        const event = await runtime.createEvent({
          widgetId: widget.id,
          eventType: vocab.eventTypes[0]!,
          metadata: { outcome: "pass" },
        });
        const note = await runtime.createAnnotation({
          widgetId: widget.id,
          category: vocab.annotationCategories[0]!,
          body: "seen in the feed",
        });
        await runtime.updateWidget(widget.id, { name: "Feed A, renamed" });
        await runtime.deleteWidget(gone.id);

        const { changes, next } = await follow(start, 2);
        expect(changes.map((c) => [c.resource, c.action, c.id])).toEqual([
          ["widget", "created", widget.id],
          ["widget", "created", gone.id],
          ["interaction-event", "created", event.id],
          ["annotation", "created", note.id],
          ["widget", "updated", widget.id],
          ["widget", "deleted", gone.id],
        ]);
        const positions = changes.map((c) => Number(c.position.split(".")[1]));
        expect(positions).toEqual(positions.map((_, i) => positions[0]! + i));
        expect(next).toBe(changes.at(-1)!.position);
        expect(next).toBe(await head());
        const [created, , recorded, annotated, , deleted] = changes;
        expect(created).toMatchObject({ widget: { name: "Feed A, renamed", version: 2 } });
        expect(recorded).toMatchObject({
          widgetId: widget.id,
          event: { metadata: { outcome: "pass" } },
        });
        expect(annotated).toMatchObject({ annotation: { body: "seen in the feed" } });
        expect(deleted).toMatchObject({ widgetId: gone.id, widget: null });
        // Nothing new: an empty page that keeps the cursor.
        expect(await runtime.listChanges(slug, { after: next })).toMatchObject({
          changes: [],
          next,
          hasMore: false,
        });
      });

      it("keeps every change of two writers at once, in one order, for a reader following along", async () => {
        const start = await head();
        const widget = await runtime.createWidget({
          hubId,
          widgetType: vocab.widgetTypes[1]!,
          slug: "feed-writers",
          name: "Feed writers",
        });
        const writers = [clientFor(runtimeKey), clientFor(runtimeKey)];
        let writing = true;
        const written = Promise.all(
          writers.map((writer, w) =>
            Promise.all(
              Array.from({ length: 40 }, (_, n) =>
                writer.createEvent({
                  widgetId: widget.id,
                  eventType: vocab.eventTypes[0]!,
                  metadata: { writer: w, n },
                }),
              ),
            ),
          ),
        ).finally(() => (writing = false));
        // A reader polls while they write, and never asks for a position twice.
        const seen: HubChange[] = [];
        let cursor = start;
        for (let polls = 0; writing || cursor !== (await head()); polls++) {
          if (polls > 2000) throw new Error(`the reader never caught up: at ${cursor}`);
          // A poller waits between asks; in process, a loop that never waits
          // would also starve the writers' batched commits (they run on setImmediate).
          await new Promise((resolve) => setTimeout(resolve, 5));
          const page = await runtime.listChanges(slug, { after: cursor, perPage: 7 });
          seen.push(...page.changes);
          cursor = page.next;
        }
        const events = (await written).flat();
        const seenEvents = seen.filter((c) => c.resource === "interaction-event").map((c) => c.id);
        expect(seenEvents).toHaveLength(80);
        expect(new Set(seenEvents)).toEqual(new Set(events.map((event) => event.id)));
        const positions = seen.map((c) => Number(c.position.split(".")[1]));
        expect(positions).toEqual(positions.map((_, i) => positions[0]! + i));
      });

      it("refuses a malformed cursor with 400, and one of another epoch with 410 cursor_expired", async () => {
        const malformed = await rawJson(`/changes?hub=${slug}&after=yesterday`, asKey(runtimeKey));
        expect(malformed).toMatchObject({ status: 400, body: { error: "invalid_request" } });
        const [epoch, position] = (await head()).split(".");
        const otherEpoch = epoch === "00000000" ? "ffffffff" : "00000000";
        const stale = await rawJson(
          `/changes?hub=${slug}&after=${otherEpoch}.${position}`,
          asKey(runtimeKey),
        );
        expect(stale).toMatchObject({ status: 410, body: { error: "cursor_expired" } });
        await expect(
          runtime.listChanges(slug, { after: `${epoch}.${Number(position) + 5}` }),
        ).rejects.toMatchObject({
          code: "cursor_expired",
        });
        expect((await rawJson(`/changes?hub=${slug}`, asKey(readOnlyKey))).status).toBe(200);
        expect((await rawJson("/changes", asKey(runtimeKey))).status).toBe(400);
      });

      it("answers 410 cursor_expired once the changes after a cursor are older than the feed keeps", async ({
        skip,
      }) => {
        if (!target.pruneChanges) skip("retention is only reachable in process");
        const before = await head();
        await runtime.createEvent({
          widgetId: (await runtime.listWidgets({ hub: slug, slug: "feed-a" })).items[0]!.id,
          eventType: vocab.eventTypes[0]!,
          metadata: {},
        });
        const after = await head();
        await target.pruneChanges!(new Date(Date.now() + 60_000));
        await expect(runtime.listChanges(slug, { after: before })).rejects.toMatchObject({
          code: "cursor_expired",
        });
        // Up to date already: nothing was lost, so the cursor still holds.
        expect((await runtime.listChanges(slug, { after })).changes).toEqual([]);
      });
    });

    it("enforces the manifest's vocabulary with the exact 422 bodies", async () => {
      expect(
        await rawJson(
          "/widgets",
          asKey(runtimeKey, { hubId, widgetType: "ops-nonsense", slug: "x", name: "X" }),
        ),
      ).toEqual({ status: 422, body: { error: "unknown_widget_type" } });
      const widget = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[1]!,
        slug: "ep-vocab",
        name: "Endpoint",
      });
      expect(
        await rawJson(
          "/interaction-events",
          asKey(runtimeKey, { widgetId: widget.id, eventType: "clicked", metadata: {} }),
        ),
      ).toEqual({ status: 422, body: { error: "unknown_event_type" } });
      expect(
        await rawJson(
          "/annotations",
          asKey(runtimeKey, { widgetId: widget.id, category: "ops-nonsense", body: "x" }),
        ),
      ).toEqual({ status: 422, body: { error: "unknown_annotation_category" } });
      const typed = await runtime
        .createEvent({ widgetId: widget.id, eventType: "clicked" })
        .catch((e: unknown) => e);
      expect(typed).toBeInstanceOf(InterHubError);
      expect(typed).toMatchObject({ code: "unknown_vocabulary" });
    });

    it("answers each of the writes sent together on its own", async () => {
      // Writes of one moment share a read and a commit; a bad one must fail alone.
      const widgetBodies = [
        { slug: "together-a", widgetType: vocab.widgetTypes[1]! },
        { slug: "together-b", widgetType: vocab.widgetTypes[1]! },
        { slug: "together-a", widgetType: vocab.widgetTypes[1]! },
        { slug: "together-c", widgetType: "ops-nonsense" },
      ];
      const widgets = await Promise.all(
        widgetBodies.map((body) =>
          rawJson("/widgets", asKey(runtimeKey, { hubId, name: body.slug, ...body })),
        ),
      );
      expect(widgets.map((answer) => answer.status).sort()).toEqual([201, 201, 409, 422]);
      const listed = await runtime.listWidgets({ hub: slug, perPage: 100 });
      expect(
        listed.items.filter((widget) => widget.slug.startsWith("together-")).map((w) => w.slug),
      ).toEqual(expect.arrayContaining(["together-a", "together-b"]));
      const widgetId = (widgets.find((answer) => answer.status === 201)!.body as { id: string }).id;
      const eventBodies = [
        { widgetId, eventType: vocab.eventTypes[0]!, metadata: { n: 1 } },
        { widgetId: crypto.randomUUID(), eventType: vocab.eventTypes[0]!, metadata: {} },
        { widgetId, eventType: "clicked", metadata: {} },
        { widgetId, eventType: vocab.eventTypes[0]!, metadata: { n: 2 } },
        { widgetId: "nul\u0000id", eventType: vocab.eventTypes[0]!, metadata: {} },
      ];
      const events = await Promise.all(
        eventBodies.map((body) => rawJson("/interaction-events", asKey(runtimeKey, body))),
      );
      expect(events.map((answer) => answer.status)).toEqual([201, 404, 422, 201, 400]);
      // PostgreSQL cannot store a NUL: refused at the door, naming the field.
      expect(events[4]!.body.message).toBe("body.widgetId: must not contain NUL characters");
      const stored = await runtime.listEvents({ hub: slug, widgetId });
      expect(stored.items.map((event) => event.metadata.n).sort()).toEqual([1, 2]);
    });

    it("persists event metadata and lists events newest first with filters", async () => {
      const widget = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[1]!,
        slug: "ep-events",
        name: "Endpoint",
      });
      const first = await runtime.createEvent({
        widgetId: widget.id,
        eventType: vocab.eventTypes[0]!,
        viewContext: "railiance-apps/workplans/RAIL-AP-WP-0001",
        metadata: {
          endpoint: "https://gitea.coulomb.social/v2/",
          expectedStatus: 401,
          outcome: "pass",
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await runtime.createEvent({
        widgetId: widget.id,
        eventType: vocab.eventTypes[0]!,
        metadata: { outcome: "fail" },
      });
      const events = await runtime.listEvents({ hub: slug, widgetId: widget.id });
      expect(events.items.map((e) => e.id)).toEqual([second.id, first.id]);
      expect(events.items[1]).toMatchObject({
        viewContext: "railiance-apps/workplans/RAIL-AP-WP-0001",
        metadata: {
          endpoint: "https://gitea.coulomb.social/v2/",
          expectedStatus: 401,
          outcome: "pass",
        },
      });
      const later = await runtime.listEvents({
        hub: slug,
        widgetId: widget.id,
        since: second.createdAt,
      });
      expect(later.items.map((e) => e.id)).toEqual([second.id]);
      const note = await runtime.createAnnotation({
        widgetId: widget.id,
        category: vocab.annotationCategories[0]!,
        body: "no backup yet",
        metadata: { link: "https://example.org" },
      });
      expect((await runtime.listAnnotations({ hub: slug, widgetId: widget.id })).items).toEqual([
        note,
      ]);
    });

    it("answers the latest event per widget and type, and events of several widgets at once", async () => {
      const a = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[1]!,
        slug: "ep-latest-a",
        name: "A",
      });
      const b = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[1]!,
        slug: "ep-latest-b",
        name: "B",
      });
      const eventType = vocab.eventTypes[0]!;
      const older = await runtime.createEvent({
        widgetId: a.id,
        eventType,
        metadata: { outcome: "fail" },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newest = await runtime.createEvent({
        widgetId: a.id,
        eventType,
        metadata: { outcome: "pass" },
      });
      const onlyB = await runtime.createEvent({
        widgetId: b.id,
        eventType,
        metadata: { outcome: "pass" },
      });
      const latest = await runtime.listLatestEvents({
        hub: slug,
        widgetIds: [a.id, b.id],
        perPage: 1000,
      });
      expect(latest.items.map((e) => e.id).sort()).toEqual([newest.id, onlyB.id].sort());
      expect(latest.items.find((e) => e.id === newest.id)).toEqual(newest);
      const asOf = await runtime.listLatestEvents({
        hub: slug,
        widgetIds: [a.id, b.id],
        until: newest.createdAt,
      });
      expect(asOf.items.map((e) => e.id)).toEqual([older.id]);
      const both = await runtime.listEvents({ hub: slug, widgetIds: [a.id, b.id] });
      expect(both.total).toBe(3);
    });

    it("paginates with meta and refuses malformed queries naming the parameter", async () => {
      for (let i = 0; i < 5; i++) {
        await runtime.createWidget({
          hubId,
          widgetType: vocab.widgetTypes[0]!,
          slug: `page-${i}`,
          name: `Page ${i}`,
        });
      }
      const page = await runtime.listWidgets({
        hub: slug,
        widgetType: vocab.widgetTypes[0]!,
        perPage: 2,
        page: 2,
        sort: "slug",
      });
      expect(page).toMatchObject({ page: 2, perPage: 2, total: 5 });
      expect(page.items.map((w) => w.slug)).toEqual(["page-2", "page-3"]);
      const all = await listAll(runtime.listWidgets, {
        hub: slug,
        widgetType: vocab.widgetTypes[0]!,
      });
      expect(all).toHaveLength(5);
      const tooBig = await rawJson(`/widgets?per_page=500`, asKey(runtimeKey));
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.message).toContain("per_page");
      const unknown = await rawJson(`/widgets?colour=red`, asKey(runtimeKey));
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain("colour");
      const badSort = await rawJson(`/widgets?sort=password`, asKey(runtimeKey));
      expect(badSort.status).toBe(400);
      expect(badSort.body.message).toContain("sort");
    });

    it("replays a create with the same Idempotency-Key instead of writing twice", async () => {
      const widget = await runtime.createWidget({
        hubId,
        widgetType: vocab.widgetTypes[1]!,
        slug: "ep-idem",
        name: "Endpoint",
      });
      const body = {
        widgetId: widget.id,
        eventType: vocab.eventTypes[0]!,
        metadata: { outcome: "pass" },
      };
      const first = await runtime.createEvent(body, `idem-${run}`);
      const again = await runtime.createEvent(body, `idem-${run}`);
      expect(again.id).toBe(first.id);
      expect((await runtime.listEvents({ hub: slug, widgetId: widget.id })).total).toBe(1);
      await expect(
        runtime.createEvent({ ...body, metadata: { outcome: "fail" } }, `idem-${run}`),
      ).rejects.toMatchObject({
        code: "bad_request",
      });
    });

    it("publishes a valid OpenAPI 3.1 document listing every path", async () => {
      const response = await raw("/openapi.json");
      expect(response.status).toBe(200);
      const document = (await response.json()) as {
        openapi: string;
        servers: { url: string }[];
        paths: Record<
          string,
          Record<
            string,
            { requestBody?: { content: { "application/json": { schema: { $ref?: string } } } } }
          >
        >;
      };
      const validator = new Validator();
      const result = await validator.validate(document);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(document.openapi).toBe("3.1.0");
      for (const p of [
        "/hubs",
        "/hubs/{id}",
        "/hub-capability-manifests",
        "/hub-capability-manifests/{id}",
        "/hub-capability-manifests/{id}/activate",
        "/widget-types",
        "/event-types",
        "/annotation-categories",
        "/policy-scopes",
        "/api-consumers",
        "/api-consumers/{id}/keys",
        "/hub-registry",
        "/hub-registry/{hubId}",
        "/widgets",
        "/widgets/{id}",
        "/interaction-events",
        "/annotations",
        "/openapi.json",
        "/token",
      ]) {
        expect(Object.keys(document.paths)).toContain(p);
      }
      const body = (path: string) =>
        document.paths[path]!.post!.requestBody!.content["application/json"].schema.$ref;
      expect(body("/widgets")).toBe("#/components/schemas/WidgetCreateRequest");
      expect(body("/token")).toBe("#/components/schemas/TokenRequest");
      // Absolute: a generated client calls the hub it read the document from.
      expect(document.servers).toEqual([{ url: target.baseUrl, description: "This hub" }]);
    });
  });
}
