import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createInterHubClient } from "./client";
import { InterHubError } from "./errors";

/**
 * The client's behaviour against a scripted Inter-Hub on loopback: real HTTP,
 * with answers a remote Inter-Hub gives when it misbehaves.
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;

async function upstream(handler: Handler): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const emptyList = { data: [], meta: { page: 1, per_page: 50, total: 0 } };
const KEY = "ihk_0123abcd_staticstaticstaticstatic";

describe("Inter-Hub client", () => {
  it("exchanges the key once, sends the token, and renews it before it expires", async () => {
    let exchanges = 0;
    const seen: string[] = [];
    const baseUrl = await upstream((req, res) => {
      if (req.url === "/api/v2/token") {
        exchanges += 1;
        expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
        return json(res, 200, {
          access_token: `iht_token${exchanges}`,
          token_type: "Bearer",
          expires_in: 100,
        });
      }
      seen.push(String(req.headers.authorization));
      json(res, 200, emptyList);
    });
    let now = 1_000_000;
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY, now: () => now });

    await Promise.all([client.listWidgets(), client.listEvents(), client.listAnnotations()]);
    expect(exchanges).toBe(1);
    expect(seen).toEqual(Array(3).fill("Bearer iht_token1"));

    now += 89_000; // 89 % of the lifetime: still good
    await client.listWidgets();
    expect(exchanges).toBe(1);
    now += 2_000; // past 90 %: renewed before it runs out
    await client.listWidgets();
    expect(exchanges).toBe(2);
    expect(seen.at(-1)).toBe("Bearer iht_token2");
  });

  it("answers a 401 with one re-exchange, not a loop", async () => {
    let exchanges = 0;
    let reads = 0;
    const baseUrl = await upstream((req, res) => {
      if (req.url === "/api/v2/token") {
        exchanges += 1;
        return json(res, 200, {
          access_token: `iht_t${exchanges}`,
          token_type: "Bearer",
          expires_in: 3600,
        });
      }
      reads += 1;
      // The first token was revoked upstream; the second one works.
      if (req.headers.authorization === "Bearer iht_t1")
        return json(res, 401, { error: "invalid_api_key" });
      json(res, 200, emptyList);
    });
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY });
    await expect(client.listWidgets()).resolves.toMatchObject({ total: 0 });
    expect({ exchanges, reads }).toEqual({ exchanges: 2, reads: 2 });
  });

  it("gives up with invalid_api_key when the key itself is refused", async () => {
    let requests = 0;
    const baseUrl = await upstream((_req, res) => {
      requests += 1;
      json(res, 401, { error: "invalid_api_key" });
    });
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY });
    const error = await client.listWidgets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterHubError);
    expect(error).toMatchObject({ code: "invalid_api_key" });
    expect(String((error as Error).message)).not.toContain(KEY);
    expect(requests).toBeLessThanOrEqual(2);
  });

  it("retries reads on a 5xx a bounded number of times, then reports the fault", async () => {
    let reads = 0;
    const baseUrl = await upstream((req, res) => {
      if (req.url === "/api/v2/token")
        return json(res, 200, { access_token: "iht_x", token_type: "Bearer", expires_in: 3600 });
      reads += 1;
      // The live COUNT(*) decode defect answered 500 like this.
      json(res, 500, { error: "UnexpectedColumnTypeStatementError 0 23 20" });
    });
    const client = createInterHubClient({
      baseUrl,
      apiKey: () => KEY,
      retries: 2,
      retryDelayMs: 1,
    });
    await expect(client.getHubRegistryEntry("ops-hub")).rejects.toMatchObject({
      code: "upstream_unavailable",
      transient: true,
    });
    expect(reads).toBe(3);
  });

  it("recovers when a read fails once and then succeeds", async () => {
    let reads = 0;
    const baseUrl = await upstream((req, res) => {
      if (req.url === "/api/v2/token")
        return json(res, 200, { access_token: "iht_x", token_type: "Bearer", expires_in: 3600 });
      reads += 1;
      if (reads === 1) return json(res, 503, { error: "unavailable" });
      json(res, 200, emptyList);
    });
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY, retryDelayMs: 1 });
    await expect(client.listWidgets()).resolves.toMatchObject({ total: 0 });
  });

  it("does not retry a write without an idempotency key", async () => {
    let writes = 0;
    const baseUrl = await upstream((req, res) => {
      if (req.url === "/api/v2/token")
        return json(res, 200, { access_token: "iht_x", token_type: "Bearer", expires_in: 3600 });
      writes += 1;
      json(res, 502, { error: "bad gateway" });
    });
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY, retryDelayMs: 1 });
    await expect(
      client.createEvent({ widgetId: "w", eventType: "ops-health-checked" }),
    ).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
    expect(writes).toBe(1);
  });

  it("times out a hung upstream", async () => {
    const baseUrl = await upstream(() => {
      // never answers
    });
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY, timeoutMs: 150, retries: 0 });
    const started = Date.now();
    await expect(client.listWidgets()).rejects.toMatchObject({
      code: "upstream_unavailable",
      message: expect.stringContaining("timed out"),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    server!.closeAllConnections();
  });

  it("reports a refused connection as an upstream fault", async () => {
    const client = createInterHubClient({
      baseUrl: "http://127.0.0.1:9/api/v2",
      apiKey: () => KEY,
      retries: 0,
    });
    await expect(client.listHubs()).rejects.toMatchObject({
      code: "upstream_unavailable",
      message: expect.stringContaining("connection failed"),
    });
  });

  it("rejects an answer of the wrong shape, naming the field", async () => {
    const baseUrl = await upstream((req, res) => {
      if (req.url === "/api/v2/token")
        return json(res, 200, { access_token: "iht_x", token_type: "Bearer", expires_in: 3600 });
      json(res, 200, {
        data: [{ id: "w1", slug: "x" }],
        meta: { page: 1, per_page: 50, total: 1 },
      });
    });
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY });
    await expect(client.listWidgets()).rejects.toMatchObject({
      code: "invalid_response",
      message: expect.stringContaining("data.0"),
    });
  });

  it("maps vocabulary, scope and not-found answers to typed errors", async () => {
    const baseUrl = await upstream((req, res) => {
      if (req.url === "/api/v2/token")
        return json(res, 200, { access_token: "iht_x", token_type: "Bearer", expires_in: 3600 });
      if (req.url?.startsWith("/api/v2/widgets/")) return json(res, 404, { error: "not_found" });
      if (req.url === "/api/v2/hubs") return json(res, 403, { error: "insufficient_scope" });
      json(res, 422, { error: "unknown_event_type" });
    });
    const client = createInterHubClient({ baseUrl, apiKey: () => KEY });
    await expect(client.getWidget("nope")).rejects.toMatchObject({ code: "not_found" });
    await expect(client.createHub({ name: "X", slug: "x" })).rejects.toMatchObject({
      code: "insufficient_scope",
    });
    await expect(client.createEvent({ widgetId: "w", eventType: "clicked" })).rejects.toMatchObject(
      {
        code: "unknown_vocabulary",
        details: { status: 422, wireError: "unknown_event_type" },
      },
    );
  });
});
