import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InterHubClient } from "@/lib/interhub/client";
import type { InteractionEvent, Widget } from "@/lib/domain/types";
import { observe } from "./engine";
import { judge, type ProbeObserver } from "@/lib/domain/probe-judge";
import { probeAndRecord } from "./run";
import { probeSpecSchema, probeTargets, type ProbeTarget } from "@/lib/domain/probe-spec";
import {
  refusedUrl,
  selfSignedCertificate,
  startHttpServer,
  startHttpsServer,
  type TestServer,
} from "@/test/probe-servers";

/**
 * The probe engine against servers this test starts on loopback, over HTTP
 * and over HTTPS with self-signed certificates: pass, wrong status, missing
 * header, expiring certificate, timeout and refused connection.
 */
const registry: Parameters<typeof startHttpServer>[0] = (request, response) => {
  if (request.url === "/v2/") {
    response.writeHead(401, {
      "Docker-Distribution-Api-Version": "registry/2.0",
      "www-authenticate": 'Bearer realm="test"',
      "set-cookie": "session=secret",
    });
    response.end('{"errors":[]}');
  } else if (request.url === "/plain") {
    response.writeHead(401);
    response.end();
  } else if (request.url === "/slow") {
    // Never answers: the probe's timeout has to end it.
  } else {
    response.writeHead(200, { "content-type": "text/plain" });
    response.end("ready: all good");
  }
};

// The workplan's T07 check, exactly as the seed declares it.
const T07 = probeSpecSchema.parse({
  expectedStatus: 401,
  expectedHeaders: { "Docker-Distribution-Api-Version": "registry/2.0" },
});

let plain: TestServer;
let secure: TestServer;
let expiring: TestServer;
let longLived: { key: string; cert: string };
let shortLived: { key: string; cert: string };

beforeAll(async () => {
  longLived = selfSignedCertificate(365);
  shortLived = selfSignedCertificate(5);
  plain = await startHttpServer(registry);
  secure = await startHttpsServer(longLived, registry);
  expiring = await startHttpsServer(shortLived, registry);
});
afterAll(async () => {
  await Promise.all([plain, secure, expiring].map((server) => server?.close()));
});

describe("observe and judge", () => {
  it("passes the T07 registry check over HTTP", async () => {
    const observation = await observe(`${plain.url}/v2/`, T07);
    expect(observation.status).toBe(401);
    expect(judge(T07, observation)).toEqual({ outcome: "pass", failures: [] });
  });

  it("fails on a wrong status", async () => {
    const observation = await observe(`${plain.url}/`, T07);
    expect(judge(T07, observation)).toMatchObject({
      outcome: "fail",
      failures: [
        "status 200, expected 401",
        'header Docker-Distribution-Api-Version missing (expected "registry/2.0")',
      ],
    });
  });

  it("fails on a missing header", async () => {
    const verdict = judge(T07, await observe(`${plain.url}/plain`, T07));
    expect(verdict).toEqual({
      outcome: "fail",
      failures: ['header Docker-Distribution-Api-Version missing (expected "registry/2.0")'],
    });
  });

  it("checks the body", async () => {
    const spec = probeSpecSchema.parse({ bodyContains: "ready", bodyMatches: "all (good|fine)" });
    expect(judge(spec, await observe(`${plain.url}/health`, spec)).outcome).toBe("pass");
    const wrong = probeSpecSchema.parse({ bodyContains: "healthy" });
    expect(judge(wrong, await observe(`${plain.url}/health`, wrong)).failures).toEqual([
      'body does not contain "healthy"',
    ]);
  });

  it("passes over HTTPS and reads the certificate's expiry", async () => {
    const spec = probeSpecSchema.parse({ ...T07, minTlsDaysLeft: 30 });
    const observation = await observe(`${secure.url}/v2/`, spec, { ca: longLived.cert });
    expect(observation.tls?.daysLeft).toBeGreaterThanOrEqual(363);
    expect(judge(spec, observation)).toEqual({ outcome: "pass", failures: [] });
  });

  it("fails on a certificate that expires too soon", async () => {
    const spec = probeSpecSchema.parse({ ...T07, minTlsDaysLeft: 14 });
    const observation = await observe(`${expiring.url}/v2/`, spec, { ca: shortLived.cert });
    expect(observation.tls?.daysLeft).toBeLessThanOrEqual(5);
    expect(judge(spec, observation)).toEqual({
      outcome: "fail",
      failures: [
        `TLS certificate expires in ${observation.tls!.daysLeft} days (at least 14 wanted)`,
      ],
    });
  });

  it("fails on an untrusted certificate without crashing", async () => {
    const observation = await observe(`${secure.url}/v2/`, T07);
    expect(observation.error?.kind).toBe("tls");
    expect(judge(T07, observation).outcome).toBe("fail");
  });

  it("fails on a timeout", async () => {
    const spec = probeSpecSchema.parse({ timeoutMs: 300 });
    const observation = await observe(`${plain.url}/slow`, spec);
    expect(observation.error).toEqual({ kind: "timeout", message: "no answer within 300 ms" });
    expect(observation.latencyMs).toBeGreaterThanOrEqual(290);
    expect(judge(spec, observation).failures).toEqual(["no answer within 300 ms"]);
  });

  it("fails on a refused connection", async () => {
    const spec = probeSpecSchema.parse({});
    const observation = await observe(`${await refusedUrl()}/`, spec);
    expect(observation.error).toEqual({ kind: "refused", message: "connection refused" });
    expect(judge(spec, observation).outcome).toBe("fail");
  });

  it("fails when the answer is slower than the latency limit", () => {
    const spec = probeSpecSchema.parse({ maxLatencyMs: 100 });
    expect(
      judge(spec, { url: "x", startedAt: new Date(), latencyMs: 250, status: 200, headers: {} }),
    ).toEqual({ outcome: "fail", failures: ["answered in 250 ms (limit 100 ms)"] });
  });
});

describe("probe targets", () => {
  const widget = (type: string, metadata: Record<string, unknown>, slug = "w"): Widget => ({
    id: `id-${slug}`,
    hubId: "hub",
    type,
    slug,
    name: slug,
    metadata,
    version: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  });

  it("reads endpoints' probes and services' health URLs, and names bad declarations", () => {
    const { targets, problems } = probeTargets([
      widget("ops-endpoint", { url: "https://r.example/v2/", probe: { expectedStatus: 401 } }, "a"),
      widget("ops-endpoint", { url: "https://r.example/" }, "no-probe"),
      widget(
        "ops-service",
        { health: { url: "http://s.example/health", cadenceSeconds: 60 } },
        "b",
      ),
      widget("ops-endpoint", { url: "https://r.example/", probe: { cadenceSeconds: 5 } }, "c"),
      widget("ops-host", { probe: {} }, "d"),
    ]);
    expect(targets.map((t) => [t.widget.slug, t.eventType, t.url, t.spec.cadenceSeconds])).toEqual([
      ["a", "ops-endpoint-verified", "https://r.example/v2/", undefined],
      ["b", "ops-health-checked", "http://s.example/health", 60],
    ]);
    expect(problems).toEqual([
      {
        widget: expect.objectContaining({ slug: "c" }),
        problem: expect.stringMatching(/^probe\.cadenceSeconds: .*30 seconds/),
      },
    ]);
  });
});

describe("probe and record", () => {
  const observer: ProbeObserver = { kind: "probe", name: "test probe", via: "cli", host: "test" };

  function fakeClient(previous?: InteractionEvent) {
    const created: { body: Record<string, unknown>; key?: string }[] = [];
    const client = {
      listEvents: async () => ({
        items: previous ? [previous] : [],
        page: 1,
        perPage: 1,
        total: 0,
      }),
      createEvent: async (body: Record<string, unknown>, key?: string) => {
        created.push({ body, key });
        return {
          id: `e${created.length}`,
          hubId: "hub",
          widgetId: body.widgetId,
          type: body.eventType,
          viewContext: null,
          metadata: body.metadata,
          recordedBy: null,
          createdAt: new Date().toISOString(),
        };
      },
    } as unknown as InterHubClient;
    return { client, created };
  }
  const target = (url: string): ProbeTarget => ({
    widget: { id: "w1", hubId: "hub", slug: "ep", name: "Endpoint", type: "ops-endpoint" },
    url,
    spec: T07,
    eventType: "ops-endpoint-verified",
    key: "w1:ops-endpoint-verified",
  });
  const passed: InteractionEvent = {
    id: "prev",
    hubId: "hub",
    widgetId: "w1",
    type: "ops-endpoint-verified",
    viewContext: null,
    metadata: { outcome: "pass" },
    recordedBy: null,
    createdAt: "2026-01-01T00:00:00.000Z",
  };

  it("records the outcome, status, headers, latency and the prober, keeping no cookie", async () => {
    const { client, created } = fakeClient();
    const result = await probeAndRecord(
      { slug: "hub", client: client },
      target(`${plain.url}/v2/`),
      {
        observer,
        idempotencyKey: () => "run-1:w1",
      },
    );
    expect(result.verdict.outcome).toBe("pass");
    expect(created).toHaveLength(1);
    expect(created[0]!.key).toBe("run-1:w1");
    expect(created[0]!.body).toMatchObject({
      widgetId: "w1",
      eventType: "ops-endpoint-verified",
      metadata: {
        outcome: "pass",
        endpoint: `${plain.url}/v2/`,
        expectedStatus: 401,
        observedStatus: 401,
        observedHeaders: { "docker-distribution-api-version": "registry/2.0" },
        tlsExpiresAt: null,
        failures: [],
        observer,
      },
    });
    expect(JSON.stringify(created)).not.toContain("secret");
  });

  it("records ops-drift-detected when a passing signal fails", async () => {
    const { client, created } = fakeClient(passed);
    const result = await probeAndRecord(
      { slug: "hub", client: client },
      target(`${plain.url}/plain`),
      {
        observer,
        idempotencyKey: () => "run-2:w1",
      },
    );
    expect(result.drift).toBeDefined();
    expect(created.map((c) => [c.body.eventType, c.key])).toEqual([
      ["ops-endpoint-verified", "run-2:w1"],
      ["ops-drift-detected", "run-2:w1:drift"],
    ]);
    expect(created[1]!.body.metadata).toMatchObject({
      drift: "pass-to-fail",
      previousEventId: "prev",
      eventId: "e1",
    });
    expect(created[1]!.body.metadata).not.toHaveProperty("outcome");
  });

  it("records no drift when it fails again, or passes", async () => {
    const failedBefore = { ...passed, metadata: { outcome: "fail" } };
    const again = fakeClient(failedBefore);
    await probeAndRecord({ slug: "hub", client: again.client }, target(`${plain.url}/plain`), {
      observer,
      idempotencyKey: () => "k",
    });
    expect(again.created).toHaveLength(1);
    const recovered = fakeClient(passed);
    await probeAndRecord({ slug: "hub", client: recovered.client }, target(`${plain.url}/v2/`), {
      observer,
      idempotencyKey: () => "k",
    });
    expect(recovered.created).toHaveLength(1);
  });
});
