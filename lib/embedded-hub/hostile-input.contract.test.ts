import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createInterHubClient } from "@/lib/interhub/client";
import { MAX_METADATA_BYTES, MAX_METADATA_DEPTH } from "@/lib/interhub/wire";
import { hubTargets, type Target } from "@/test/hub-targets";
import { fetchHeaders, rawRequest, type RawAnswer } from "@/test/raw-http";

/**
 * Bounded input and the key lifecycle, on the four targets of the contract
 * (in process and over real HTTP, SQLite and PostgreSQL): what a hostile or
 * careless client sends is refused with a clear 4xx and changes nothing; a
 * key that expires or is revoked stops working, with its tokens. Every
 * answer, refusals included, must be one the OpenAPI document declares.
 */
/** Metadata nested `levels` deep, the object itself being the first level. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < levels; i++) value = { down: value };
  return value;
}

/** Metadata whose JSON is exactly `bytes` long. */
function sized(bytes: number): Record<string, unknown> {
  const overhead = JSON.stringify({ pad: "" }).length;
  return { pad: "x".repeat(bytes - overhead) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const [name, makeTarget] of hubTargets()) {
  describe.skipIf(!makeTarget)(`hostile input and key lifecycle: ${name}`, () => {
    let target: Target;
    let writeKey: string;
    let consumerId: string;
    let hubId: string;
    let widgetId: string;
    const run = Math.random().toString(36).slice(2, 8);
    const slug = `hi-${run}`;

    const call = async (
      pathname: string,
      init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> },
    ) => {
      const response = await target.fetch(`${target.baseUrl}${pathname}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
          "content-type": "application/json",
          ...init.headers,
        },
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === "string"
              ? init.body
              : JSON.stringify(init.body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null,
      };
    };
    const operatorCall = (pathname: string, init: Parameters<typeof call>[1] = {}) =>
      call(pathname, { key: target.operatorKey, ...init });
    const counts = async () => {
      const { body } = await operatorCall(`/hub-registry/${slug}`);
      return (body as { counts: Record<string, number> }).counts;
    };
    const newKey = async (body: Record<string, unknown> = {}) => {
      const created = await operatorCall(`/api-consumers/${consumerId}/keys`, {
        body: { scopes: [`hub:${slug}:read`, `hub:${slug}:write`], ...body },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body as { id: string; key: string; prefix: string };
    };
    const tokenFor = async (key: string) => {
      const answer = await call("/token", { method: "POST", key });
      return answer.status === 200 ? (answer.body!.access_token as string) : answer.status;
    };

    beforeAll(async () => {
      target = await makeTarget!();
      const operator = createInterHubClient({
        baseUrl: target.baseUrl,
        apiKey: () => target.operatorKey,
        fetch: target.fetch,
        retries: 0,
      });
      hubId = (await operator.createHub({ name: `Hostile ${run}`, slug, hub_kind: "domain" })).id;
      const manifest = await operator.createManifest({
        hubId,
        widgetTypes: [`${slug}-thing`],
        eventTypes: [`${slug}-seen`],
        annotationCategories: [`${slug}-note`],
      });
      await operator.activateManifest(manifest.id);
      consumerId = (await operator.createApiConsumer({ name: `${slug}-writer`, hubId })).id;
      writeKey = (await newKey()).key;
      const widget = await call("/widgets", {
        key: writeKey,
        body: { hubId, widgetType: `${slug}-thing`, slug: "target", name: "Target" },
      });
      widgetId = widget.body!.id as string;
    });
    afterAll(async () => target?.close());
    afterEach(() => {
      expect(target.violations.splice(0)).toEqual([]);
    });

    /** A raw request over HTTP, its answer checked against the document like any other. */
    const raw = async (options: Parameters<typeof rawRequest>[1]): Promise<RawAnswer> => {
      const answer = await rawRequest(target.origin!, options);
      target.checkAnswer(options.method ?? "GET", `${target.origin}${options.path}`, {
        ...answer,
        headers: fetchHeaders(answer.headers),
      });
      return answer;
    };

    it("refuses metadata over 64 KiB with 413 naming the limit, and deeper than 32 levels with 400; nothing is written", async () => {
      const before = await counts();
      const writes = (metadata: Record<string, unknown>) => [
        call("/widgets", {
          key: writeKey,
          body: { hubId, widgetType: `${slug}-thing`, slug: `w-${run}`, name: "W", metadata },
        }),
        call(`/widgets/${widgetId}`, { method: "PATCH", key: writeKey, body: { metadata } }),
        call("/interaction-events", {
          key: writeKey,
          body: { widgetId, eventType: `${slug}-seen`, metadata },
        }),
        call("/annotations", {
          key: writeKey,
          body: { widgetId, category: `${slug}-note`, body: "note", metadata },
        }),
      ];
      for (const answer of await Promise.all(writes(sized(MAX_METADATA_BYTES + 1)))) {
        expect(answer.status).toBe(413);
        expect(answer.body).toMatchObject({
          error: "payload_too_large",
          message: expect.stringContaining("64 KiB"),
        });
      }
      for (const answer of await Promise.all(writes(nested(MAX_METADATA_DEPTH + 1)))) {
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({
          error: "invalid_request",
          message: expect.stringContaining("32 levels"),
        });
      }
      expect(await counts()).toEqual(before);
      // At the limits, both are accepted.
      const atLimit = await call("/interaction-events", {
        key: writeKey,
        body: { widgetId, eventType: `${slug}-seen`, metadata: sized(MAX_METADATA_BYTES) },
      });
      expect(atLimit.status).toBe(201);
      const deepest = await call("/interaction-events", {
        key: writeKey,
        body: { widgetId, eventType: `${slug}-seen`, metadata: nested(MAX_METADATA_DEPTH) },
      });
      expect(deepest.status).toBe(201);
    });

    it("answers 400, never 500, to deep JSON and malformed escapes", async () => {
      for (const body of ["[".repeat(200_000), `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`]) {
        const answer = await call("/widgets", { key: writeKey, body });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ error: "invalid_request" });
      }
      const deep = await call("/annotations", {
        key: writeKey,
        body: `{"widgetId":"x","category":"c","body":"b","metadata":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      });
      expect(deep.status).toBe(400);
      for (const escape of ["%", "%E0%A4%A", "%zz", "%C0%AF%"]) {
        const answer = await call(`/widgets/${escape}`, { key: writeKey });
        expect(answer.status, escape).toBe(400);
        expect(answer.body).toMatchObject({
          error: "invalid_request",
          message: expect.stringContaining("percent-encoding"),
        });
      }
    });

    it("cuts a streamed body at 1 MiB whatever its headers say, with 413", async () => {
      const before = await counts();
      const stream = (bytes: number) =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let sent = 0; sent < bytes; sent += 64 * 1024)
              controller.enqueue(new Uint8Array(64 * 1024).fill(32));
            controller.close();
          },
        });
      if (!target.origin) {
        // In process: a Request whose body is a stream, with no length.
        const response = await target.fetch(`${target.baseUrl}/interaction-events`, {
          method: "POST",
          headers: { authorization: `Bearer ${writeKey}`, "content-type": "application/json" },
          body: stream(3 * 1024 * 1024),
          duplex: "half",
        } as RequestInit);
        expect(response.status).toBe(413);
        expect(await response.json()).toMatchObject({
          error: "payload_too_large",
          message: expect.stringContaining("1 MiB"),
        });
      } else {
        // Chunked, no Content-Length, far more than the limit: refused once 1 MiB is in.
        const chunked = await raw({
          method: "POST",
          path: "/api/v2/interaction-events",
          headers: { authorization: `Bearer ${writeKey}`, "content-type": "application/json" },
          chunked: { chunkBytes: 64 * 1024, totalBytes: 64 * 1024 * 1024 },
        });
        expect(chunked.status).toBe(413);
        expect(JSON.parse(chunked.body)).toMatchObject({ error: "payload_too_large" });
        // A declared Content-Length over the limit is refused before any of it is read.
        const declared = await raw({
          method: "POST",
          path: "/api/v2/interaction-events",
          headers: {
            authorization: `Bearer ${writeKey}`,
            "content-type": "application/json",
            "content-length": String(2 * 1024 * 1024),
          },
          body: " ".repeat(2 * 1024 * 1024),
        });
        expect(declared.status).toBe(413);
      }
      expect(await counts()).toEqual(before);
    });

    it.skipIf(!makeTarget || name.includes("in process"))(
      "answers 400 to a Host header no URL can hold",
      async () => {
        for (const host of ["exa mple.org", "evil.example:99999", "a/b", "[::1"]) {
          const answer = await raw({
            path: "/api/v2/hubs",
            headers: { host },
          });
          expect(answer.status, host).toBe(400);
        }
      },
    );

    it("refuses an expired key and every token exchanged for it", async () => {
      const past = await operatorCall(`/api-consumers/${consumerId}/keys`, {
        body: {
          scopes: [`hub:${slug}:read`],
          expiresAt: new Date(Date.now() - 1000).toISOString(),
        },
      });
      expect(past.status).toBe(400);
      expect(past.body!.message).toContain("expiresAt");

      // Over HTTP, long enough for two slow key checks (scrypt) on a busy machine.
      const lifetime = target.advanceClock ? 60_000 : 4_000;
      const expiresAt = new Date(Date.now() + lifetime).toISOString();
      const key = await newKey({ expiresAt });
      const token = await tokenFor(key.key);
      expect(typeof token).toBe("string");
      expect((await call(`/widgets?hub=${slug}`, { key: token as string })).status).toBe(200);

      target.advanceClock?.(lifetime + 1);
      // The key's state as a hub instance last read it is at most a second old.
      await sleep(target.advanceClock ? 1_100 : lifetime + 1_100);
      expect((await call(`/widgets?hub=${slug}`, { key: token as string })).status).toBe(401);
      expect((await call(`/widgets?hub=${slug}`, { key: key.key })).status).toBe(401);
      expect(await tokenFor(key.key)).toBe(401);

      const listed = await operatorCall(`/api-consumers/${consumerId}/keys`);
      const row = (listed.body!.data as Record<string, unknown>[]).find((k) => k.id === key.id);
      expect(row).toMatchObject({ expiresAt, revokedAt: null, lastUsedAt: expect.any(String) });
    });

    it("revokes a key: it and its tokens stop within a second; only an admin may", async () => {
      const key = await newKey();
      const token = (await tokenFor(key.key)) as string;
      const reads = (credential: string) =>
        call(`/widgets?hub=${slug}`, { key: credential }).then((answer) => answer.status);
      expect(await reads(token)).toBe(200);
      expect(await reads(key.key)).toBe(200);

      const bySelf = await call(`/api-consumers/${consumerId}/keys/${key.id}`, {
        method: "DELETE",
        key: writeKey,
      });
      expect(bySelf.status).toBe(403);
      const unknown = await operatorCall(`/api-consumers/${consumerId}/keys/no-such-key`, {
        method: "DELETE",
      });
      expect(unknown.status).toBe(404);

      const revoked = await operatorCall(`/api-consumers/${consumerId}/keys/${key.id}`, {
        method: "DELETE",
      });
      expect(revoked.status).toBe(204);
      const at = Date.now();
      while ((await reads(token)) !== 401 || (await reads(key.key)) !== 401) {
        expect(Date.now() - at).toBeLessThan(1_000);
        await sleep(50);
      }
      expect(await tokenFor(key.key)).toBe(401);
      const write = await call("/interaction-events", {
        key: token,
        body: { widgetId, eventType: `${slug}-seen` },
      });
      expect(write.status).toBe(401);

      const listed = await operatorCall(`/api-consumers/${consumerId}/keys`);
      const row = (listed.body!.data as Record<string, unknown>[]).find((k) => k.id === key.id);
      expect(row).toMatchObject({ revokedAt: expect.any(String) });
    });

    it("scopes an Idempotency-Key to its consumer and its request, for 24 hours", async () => {
      const body = { widgetId, eventType: `${slug}-seen`, metadata: { n: 1 } };
      const headers = { "idempotency-key": `idem-${run}` };
      const first = await call("/interaction-events", { key: writeKey, body, headers });
      expect(first.status).toBe(201);
      const replay = await call("/interaction-events", { key: writeKey, body, headers });
      expect(replay.body!.id).toBe(first.body!.id);
      expect(replay.headers.get("idempotent-replay")).toBe("true");
      const reused = await call("/interaction-events", {
        key: writeKey,
        body: { ...body, metadata: { n: 2 } },
        headers,
      });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ error: "idempotency_key_reused" });
      // Another consumer's same key is its own.
      const other = await call("/interaction-events", {
        key: target.operatorKey,
        body: { ...body, metadata: { n: 2 } },
        headers,
      });
      expect(other.status).toBe(201);
      expect(other.body!.id).not.toBe(first.body!.id);

      if (target.advanceClock) {
        target.advanceClock(24 * 3_600_000 + 1);
        const afterADay = await call("/interaction-events", {
          key: writeKey,
          body: { ...body, metadata: { n: 3 } },
          headers,
        });
        expect(afterADay.status).toBe(201);
        expect(afterADay.body!.id).not.toBe(first.body!.id);
      }
    });

    it("documents the limits and the revocation in the OpenAPI document", async () => {
      const { body } = await call("/openapi.json", {});
      const paths = body!.paths as Record<string, Record<string, { responses: object }>>;
      for (const [pathname, method] of [
        ["/widgets", "post"],
        ["/widgets/{id}", "patch"],
        ["/interaction-events", "post"],
        ["/annotations", "post"],
      ] as const) {
        expect(paths[pathname]![method]!.responses, `${method} ${pathname}`).toHaveProperty("413");
      }
      expect(paths["/api-consumers/{id}/keys/{keyId}"]).toHaveProperty("delete");
      expect(paths["/token"]!.post!.responses).toHaveProperty("429");
      const schemas = (body!.components as { schemas: Record<string, unknown> }).schemas;
      expect(JSON.stringify(schemas.WidgetCreateRequest)).toContain("64 KiB serialized");
      expect(JSON.stringify(schemas.WidgetCreateRequest)).toContain("32 levels deep");
    });
  });
}
