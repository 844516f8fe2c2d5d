import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InterHubClient } from "@/lib/interhub/client";
import type { InteractionEvent, Widget } from "@/lib/domain/types";
import { observe } from "./engine";
import { judge, probeEventMetadata, type ProbeObserver } from "@/lib/domain/probe-judge";
import { probeAndRecord } from "./run";
import { probeSpecSchema, probeTargets, type ProbeTarget } from "@/lib/domain/probe-spec";
import {
  LOOPBACK_ALLOWED,
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

// These servers are on loopback, which probes reach only when allowed.
const loopback = { allow: LOOPBACK_ALLOWED };

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
    const observation = await observe(`${plain.url}/v2/`, T07, loopback);
    expect(observation.status).toBe(401);
    expect(judge(T07, observation)).toEqual({ outcome: "pass", failures: [] });
  });

  it("fails on a wrong status", async () => {
    const observation = await observe(`${plain.url}/`, T07, loopback);
    expect(judge(T07, observation)).toMatchObject({
      outcome: "fail",
      failures: [
        "status 200, expected 401",
        'header Docker-Distribution-Api-Version missing (expected "registry/2.0")',
      ],
    });
  });

  it("fails on a missing header", async () => {
    const verdict = judge(T07, await observe(`${plain.url}/plain`, T07, loopback));
    expect(verdict).toEqual({
      outcome: "fail",
      failures: ['header Docker-Distribution-Api-Version missing (expected "registry/2.0")'],
    });
  });

  it("checks the body", async () => {
    const spec = probeSpecSchema.parse({ bodyContains: "ready", bodyMatches: "all (good|fine)" });
    expect(judge(spec, await observe(`${plain.url}/health`, spec, loopback)).outcome).toBe("pass");
    const wrong = probeSpecSchema.parse({ bodyContains: "healthy" });
    expect(judge(wrong, await observe(`${plain.url}/health`, wrong, loopback)).failures).toEqual([
      'body does not contain "healthy"',
    ]);
  });

  it("passes over HTTPS and reads the certificate's expiry", async () => {
    const spec = probeSpecSchema.parse({ ...T07, minTlsDaysLeft: 30 });
    const observation = await observe(`${secure.url}/v2/`, spec, {
      ...loopback,
      ca: longLived.cert,
    });
    expect(observation.tls?.daysLeft).toBeGreaterThanOrEqual(363);
    expect(judge(spec, observation)).toEqual({ outcome: "pass", failures: [] });
  });

  it("fails on a certificate that expires too soon", async () => {
    const spec = probeSpecSchema.parse({ ...T07, minTlsDaysLeft: 14 });
    const observation = await observe(`${expiring.url}/v2/`, spec, {
      ...loopback,
      ca: shortLived.cert,
    });
    expect(observation.tls?.daysLeft).toBeLessThanOrEqual(5);
    expect(judge(spec, observation)).toEqual({
      outcome: "fail",
      failures: [
        `TLS certificate expires in ${observation.tls!.daysLeft} days (at least 14 wanted)`,
      ],
    });
  });

  it("fails on an untrusted certificate without crashing", async () => {
    const observation = await observe(`${secure.url}/v2/`, T07, loopback);
    expect(observation.error?.kind).toBe("tls");
    expect(judge(T07, observation).outcome).toBe("fail");
  });

  it("fails on a timeout", async () => {
    const spec = probeSpecSchema.parse({ timeoutMs: 300 });
    const observation = await observe(`${plain.url}/slow`, spec, loopback);
    expect(observation.error).toEqual({ kind: "timeout", message: "no answer within 300 ms" });
    expect(observation.latencyMs).toBeGreaterThanOrEqual(290);
    expect(judge(spec, observation).failures).toEqual(["no answer within 300 ms"]);
  });

  it("fails on a refused connection", async () => {
    const spec = probeSpecSchema.parse({});
    const observation = await observe(`${await refusedUrl()}/`, spec, loopback);
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

describe("hostile probe declarations", () => {
  it("refuses loopback by default: the target sees nothing, the probe reports it", async () => {
    const before = plain.hits();
    const spec = probeSpecSchema.parse({});
    const observation = await observe(`${plain.url}/`, spec);
    expect(observation.error).toEqual({
      kind: "denied",
      message: expect.stringMatching(/^127\.0\.0\.1 is a loopback address; .*OPS_HUB_PROBE_ALLOW/),
    });
    expect(judge(spec, observation).outcome).toBe("fail");
    const named = await observe(`http://localhost:${new URL(plain.url).port}/`, spec);
    expect(named.error).toMatchObject({ kind: "denied", message: /^localhost resolves to / });
    expect(plain.hits()).toBe(before);
  });

  it("refuses a name that resolves to a private address, checking the address it connects to", async () => {
    const spec = probeSpecSchema.parse({});
    // The name a DNS-rebinding attacker controls: public at the first lookup, loopback at the next.
    const answers = ["93.184.216.34", "127.0.0.1"];
    const observation = await observe(
      `${plain.url.replace("127.0.0.1", "rebind.example")}/`,
      spec,
      {
        resolve: (_hostname, _options, callback) =>
          callback(null, [{ address: answers.pop()!, family: 4 }]),
      },
    );
    expect(observation.error).toMatchObject({
      kind: "denied",
      message: expect.stringMatching(/^rebind\.example resolves to 127\.0\.0\.1, a loopback/),
    });
  });

  it("refuses the cloud metadata address, however the URL spells it", async () => {
    const spec = probeSpecSchema.parse({ timeoutMs: 500 });
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://0xa9fea9fe/",
    ])
      expect((await observe(url, spec)).error, url).toEqual({
        kind: "denied",
        message: expect.stringMatching(/^169\.254\.169\.254 is a cloud metadata address/),
      });
    expect((await observe("http://[64:ff9b::a9fe:a9fe]/", spec)).error?.message).toMatch(
      /^64:ff9b::a9fe:a9fe \(which leads to 169\.254\.169\.254\) is a cloud metadata address/,
    );
    expect((await observe("http://[fd00:ec2::254]/", spec)).error?.kind).toBe("denied");
  });

  it("reports a file: URL as an observation instead of crashing", async () => {
    const spec = probeSpecSchema.parse({});
    const observation = await observe("file:///etc/passwd", spec);
    expect(observation.error).toEqual({
      kind: "url",
      message: "file: URLs are not probed: http or https only",
    });
    expect(judge(spec, observation).outcome).toBe("fail");
  });

  it("matches the body in linear time: a catastrophic pattern answers at once", () => {
    const spec = probeSpecSchema.parse({ bodyMatches: "(a+)+b" });
    const started = performance.now();
    const verdict = judge(spec, {
      url: "x",
      startedAt: new Date(),
      latencyMs: 1,
      status: 200,
      headers: {},
      body: "a".repeat(30_000),
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(verdict.failures).toEqual(["body does not match /(a+)+b/"]);
  });

  it("refuses patterns that are too long, too large once expanded, or not RE2", () => {
    const problem = (bodyMatches: string) =>
      probeSpecSchema.safeParse({ bodyMatches }).error?.issues[0]?.message;
    expect(problem("a".repeat(501))).toBe("must be at most 500 characters");
    expect(problem("(?i)(.*a){999}b")).toMatch(/^is too complex \(\d+ steps/);
    expect(problem("(?=lookahead)")).toMatch(/^must be a valid RE2 regular expression \(/);
    expect(problem("(a)\\1")).toMatch(/^must be a valid RE2 regular expression/);
    expect(problem("ready: (ok|up)")).toBeUndefined();
  });

  it("never records a cookie or credential header's value, even when expected", async () => {
    const spec = probeSpecSchema.parse({
      expectedStatus: 401,
      expectedHeaders: {
        "Set-Cookie": "session=other",
        "Docker-Distribution-Api-Version": "registry/2.0",
      },
    });
    const observation = await observe(`${plain.url}/v2/`, spec, loopback);
    const verdict = judge(spec, observation);
    expect(verdict.failures).toEqual([
      "header Set-Cookie has another value than expected (its value is not recorded)",
    ]);
    const metadata = probeEventMetadata(
      {
        widget: { id: "w1", hubId: "hub", slug: "ep", name: "Endpoint", type: "ops-endpoint" },
        url: `${plain.url}/v2/`,
        spec,
        eventType: "ops-endpoint-verified",
        key: "k",
      },
      observation,
      verdict,
      { kind: "probe", name: "test", via: "cli", host: "test" },
    );
    expect(metadata.observedHeaders).toEqual({
      "set-cookie": "(present; value not recorded)",
      "docker-distribution-api-version": "registry/2.0",
    });
    expect(JSON.stringify(metadata)).not.toContain("session=secret");
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
      widget("ops-endpoint", { url: "file:///etc/passwd", probe: {} }, "e"),
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
      {
        widget: expect.objectContaining({ slug: "e" }),
        problem: "url: must be an http:// or https:// URL",
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
        ...loopback,
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
        ...loopback,
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
      ...loopback,
      observer,
      idempotencyKey: () => "k",
    });
    expect(again.created).toHaveLength(1);
    const recovered = fakeClient(passed);
    await probeAndRecord({ slug: "hub", client: recovered.client }, target(`${plain.url}/v2/`), {
      ...loopback,
      observer,
      idempotencyKey: () => "k",
    });
    expect(recovered.created).toHaveLength(1);
  });
});
