import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInterHubClient, listAll } from "@/lib/interhub/client";
import { startAppServer, type AppServer } from "../../scripts/app-server.mjs";
import { startHttpServer, type TestServer } from "@/test/probe-servers";
import { fetchCheckedAgainst } from "@/test/openapi-responses";

/**
 * The production server against a hostile client, over real HTTP: sign-in
 * guesses sent in parallel or behind forged forwarding headers, a forged
 * X-Forwarded-Host, and a hub-write key pointing a probe at loopback. Each
 * server here has its own data directory, so its throttle and hub are its own.
 */
type SignInAnswer = { status: number; location: string; retryAfter: string | null };

/** Auth.js's CSRF token and the cookie that carries its other half. */
async function csrf(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/auth/csrf`, { headers });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** The credentials sign-in as an API client sends it: a POST to Auth.js's callback. */
async function signInOverHttp(
  url: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
  token?: { cookie: string; csrfToken: string },
): Promise<SignInAnswer> {
  const { cookie, csrfToken } = token ?? (await csrf(url, headers));
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, csrfToken, callbackUrl: "/" }),
  });
  await response.arrayBuffer();
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    retryAfter: response.headers.get("retry-after"),
  };
}

const wrongPassword = (answer: SignInAnswer) =>
  answer.status === 302 && /[?&]code=credentials\b/.test(answer.location);
const signedIn = (answer: SignInAnswer) =>
  answer.status === 302 && !answer.location.includes("error=");
const throttled = (answer: SignInAnswer) => answer.status === 429 && Number(answer.retryAfter) > 0;

describe("a server with the defaults (no allow list, no trusted proxy)", () => {
  let server: AppServer;
  let loopback: TestServer;

  beforeAll(async () => {
    loopback = await startHttpServer((_request, response) => {
      response.writeHead(200);
      response.end("ok");
    });
    server = await startAppServer({ name: "hostile", env: { OPS_HUB_PROBES: "on" } });
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), loopback?.close()]);
  });

  it("evaluates at most five of forty parallel guesses, and answers the rest 429 with Retry-After", async () => {
    const token = await csrf(server.url);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signInOverHttp(server.url, "parallel-user", `guess-${i}`, {}, token),
      ),
    );
    expect(answers.filter(wrongPassword)).toHaveLength(5);
    expect(answers.filter(throttled)).toHaveLength(35);
  });

  it("takes the address from the connection: rotating X-Forwarded-For resets no limit", async () => {
    // One username: five guesses, whatever address each one claims.
    for (let i = 0; i < 5; i++)
      expect(
        wrongPassword(
          await signInOverHttp(server.url, "rotating-user", `guess-${i}`, {
            "x-forwarded-for": `203.0.113.${i + 1}`,
          }),
        ),
      ).toBe(true);
    expect(
      throttled(
        await signInOverHttp(server.url, "rotating-user", "guess-6", {
          "x-forwarded-for": "203.0.113.99",
        }),
      ),
    ).toBe(true);
  });

  it("never redirects off-site for a forged X-Forwarded-Host", async () => {
    const evil = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    const offSite = (location: string) => /^(https?:)?\/\/evil\.example/.test(location);
    const failed = await signInOverHttp(server.url, "nobody-here", "whatever-it-is", evil);
    expect(failed.status).toBe(302);
    expect(offSite(failed.location)).toBe(false);
    const password = readFileSync(path.join(server.dataDir, "initial-admin-password"), "utf8");
    const ok = await signInOverHttp(server.url, "admin", password.trim(), evil);
    expect(signedIn(ok)).toBe(true);
    expect(offSite(ok.location)).toBe(false);
    const page = await fetch(`${server.url}/catalog`, { headers: evil, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(offSite(page.headers.get("location") ?? "")).toBe(false);
    // A plain-HTTP client claiming HTTPS gets no HSTS.
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  // Last of this server's sign-in tests: it locks the test's own address.
  it("counts every username tried from one address, whatever address each guess claims", async () => {
    const answers: SignInAnswer[] = [];
    for (let i = 0; i < 60; i++)
      answers.push(
        await signInOverHttp(server.url, `sprayed-${i}`, "Winter2026!", {
          "x-forwarded-for": `198.51.100.${i + 1}`,
        }),
      );
    // The earlier tests' attempts from this address count too.
    expect(answers.filter(wrongPassword).length).toBeLessThan(50);
    expect(answers.slice(-10).every(throttled)).toBe(true);
  });

  it("refuses to probe loopback: the evidence says denied, and the target sees nothing", async () => {
    const key = readFileSync(path.join(server.dataDir, "keys", "ops-hub-runtime.key"), "utf8");
    const checked = fetchCheckedAgainst(`${server.url}/api/v2`);
    const client = createInterHubClient({
      baseUrl: `${server.url}/api/v2`,
      apiKey: () => key.trim(),
      fetch: checked.fetch,
    });
    const hubId = (await client.getHub("ops-hub")).id;
    const widget = await client.createWidget({
      hubId,
      widgetType: "ops-endpoint",
      slug: "ops-endpoint-loopback",
      name: "Loopback, not allowed",
      metadata: {
        service: "ops-service-gitea",
        url: `${loopback.url}/health`,
        exposure: "internal",
        probe: { expectedStatus: 200, cadenceSeconds: 30 },
      },
    });
    const recorded = () =>
      listAll(client.listEvents, {
        hub: "ops-hub",
        widgetId: widget.id,
        eventType: "ops-endpoint-verified",
      });
    // The scheduler sees the widget within its snapshot's 15 s and ticks every ~5 s.
    const deadline = Date.now() + 45_000;
    while ((await recorded()).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 500));
    const [event] = await recorded();
    expect(event?.metadata).toMatchObject({
      outcome: "fail",
      error: "denied",
      failures: [expect.stringMatching(/127\.0\.0\.1.*loopback/)],
    });
    expect(loopback.hits()).toBe(0);
    expect(checked.violations).toEqual([]);
  }, 60_000);
});

describe("a server behind a trusted proxy", () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer({
      name: "proxied",
      env: { OPS_HUB_TRUSTED_PROXIES: "127.0.0.1,::1" },
    });
  });
  afterAll(() => server?.stop());

  it("locks a guessing address out of admin, but not admin from another address", async () => {
    const attacker = { "x-forwarded-for": "203.0.113.66" };
    for (let i = 0; i < 5; i++)
      expect(wrongPassword(await signInOverHttp(server.url, "admin", `guess-${i}`, attacker))).toBe(
        true,
      );
    expect(throttled(await signInOverHttp(server.url, "admin", "guess-6", attacker))).toBe(true);
    // A client's own X-Forwarded-For entry in front of the proxy's changes nothing.
    expect(
      throttled(
        await signInOverHttp(server.url, "admin", "guess-7", {
          "x-forwarded-for": "198.51.100.1, 203.0.113.66",
        }),
      ),
    ).toBe(true);

    const password = readFileSync(path.join(server.dataDir, "initial-admin-password"), "utf8");
    const rightful = await signInOverHttp(server.url, "admin", password.trim(), {
      "x-forwarded-for": "198.51.100.7",
    });
    expect(signedIn(rightful)).toBe(true);
  });

  it("takes the host and scheme the proxy forwards: redirects there, HSTS for HTTPS", async () => {
    const forwarded = { "x-forwarded-host": "ops.example.org", "x-forwarded-proto": "https" };
    const answer = await signInOverHttp(server.url, "nobody-here", "whatever-it-is", forwarded);
    expect(answer.location).toMatch(/^https:\/\/ops\.example\.org\/signin\?/);
    const page = await fetch(`${server.url}/catalog`, { headers: forwarded, redirect: "manual" });
    expect(page.headers.get("location")).toMatch(/^https:\/\/ops\.example\.org\/signin/);
    expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=/);
  });
});

describe("a server with a public URL", () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer({
      name: "public-url",
      env: { OPS_HUB_PUBLIC_URL: "https://ops.example.org" },
    });
  });
  afterAll(() => server?.stop());

  it("builds redirects from the public URL, whatever host the request names", async () => {
    const forged = { "x-forwarded-host": "evil.example", host: "evil.example" };
    const answer = await signInOverHttp(server.url, "nobody-here", "whatever-it-is", forged);
    expect(answer.location).toMatch(/^https:\/\/ops\.example\.org\/signin\?/);
    const page = await fetch(`${server.url}/catalog`, { headers: forged, redirect: "manual" });
    expect(page.headers.get("location")).toMatch(/^https:\/\/ops\.example\.org\/signin/);
    // Served over HTTPS, as the public URL says.
    expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=/);
  });
});
