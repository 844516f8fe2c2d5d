import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createInterHubClient, listAll } from "@/lib/interhub/client";
import { LOOPBACK_ALLOW, refusedUrl, startHttpServer, type TestServer } from "@/test/probe-servers";
import { fetchCheckedAgainst } from "@/test/openapi-responses";
import { runOpsHubCli } from "./run-cli";

/**
 * `npx ops-hub` as a script meets it: the real entry point against the
 * running ops-hub server's embedded hub, over HTTP, with keys read from files
 * and exit codes a script can use. The probes reach only servers started here.
 */
const appUrl = inject("appUrl");
const dataDir = inject("appDataDir");
const operatorKeyFile = path.join(dataDir, "keys", "operator.key");
const runtimeKeyFile = path.join(dataDir, "keys", "ops-hub-runtime.key");
const scratch = mkdtempSync(path.join(tmpdir(), "ops-hub-cli-"));
const keyOf = (file: string) => readFileSync(file, "utf8").trim();
// What the tests read back through the client is checked against the published document.
const checked = fetchCheckedAgainst(`${appUrl}/api/v2`);
const clientFor = (key: string) =>
  createInterHubClient({
    baseUrl: `${appUrl}/api/v2`,
    apiKey: () => key,
    retries: 0,
    fetch: checked.fetch,
  });
afterEach(() => {
  expect(checked.violations.splice(0)).toEqual([]);
});

describe("ops-hub --help and usage errors", () => {
  it("answers --help on every command with exit 0", async () => {
    for (const command of [[], ["bootstrap"], ["gate-probe"], ["probe"]]) {
      const run = await runOpsHubCli([...command, "--help"]);
      expect(run.code, command.join(" ")).toBe(0);
      expect(run.stdout).toMatch(/^Usage: ops-hub /);
      expect(run.stdout).toContain("Exit codes:");
    }
  });

  it("exits 2 on an unknown command, an unknown option or a missing argument", async () => {
    expect((await runOpsHubCli(["deploy"])).code).toBe(2);
    expect((await runOpsHubCli(["probe", "--frobnicate"])).code).toBe(2);
    const missing = await runOpsHubCli(["bootstrap", "--base", appUrl]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--profile <file> is required");
    expect((await runOpsHubCli(["gate-probe"])).code).toBe(2);
  });
});

describe("ops-hub gate-probe", () => {
  let legacy: TestServer;
  beforeAll(async () => {
    // The contract the workplan saw go stale: GET /hubs answered 401 (and
    // earlier 404), and the OpenAPI lacked the bootstrap paths.
    legacy = await startHttpServer((request, response) => {
      response.setHeader("content-type", "application/json");
      if (request.url === "/api/v2/openapi.json") {
        response.end(JSON.stringify({ openapi: "3.1.0", paths: { "/widgets": { get: {} } } }));
      } else {
        response.statusCode = 401;
        response.end(JSON.stringify({ error: "invalid_api_key" }));
      }
    });
  });
  afterAll(() => legacy?.close());

  it("exits 0 when every check of the live contract holds, one line per check", async () => {
    const run = await runOpsHubCli(["gate-probe", "--base", appUrl], {
      IHUB_OPERATOR_KEY_FILE: operatorKeyFile,
    });
    expect(run.code).toBe(0);
    for (const check of [
      /public GET \/hubs answers 200 without a key\s+ok/,
      /public GET \/policy-scopes answers 200 without a key\s+ok/,
      /protected GET \/widgets answers 401 invalid_api_key without a key\s+ok/,
      /protected GET \/hub-registry answers 401 invalid_api_key without a key\s+ok/,
      /GET \/openapi.json lists the bootstrap operations\s+ok/,
      /POST \/token exchanges the key for a Bearer token\s+ok/,
      /GET \/hub-registry answers 200 with the token\s+ok/,
    ])
      expect(run.stdout).toMatch(check);
    expect(run.stdout).not.toContain(keyOf(operatorKeyFile).slice(13));
  });

  it("exits 1 without a key, or against an Inter-Hub that speaks the old contract", async () => {
    const noKey = await runOpsHubCli(["gate-probe", "--base", appUrl]);
    expect(noKey.code).toBe(1);
    expect(noKey.stdout).toMatch(/POST \/token .*FAIL\s+no key given/);

    const old = await runOpsHubCli([
      "gate-probe",
      "--base",
      legacy.url,
      "--key-file",
      runtimeKeyFile,
    ]);
    expect(old.code).toBe(1);
    expect(old.stdout).toMatch(/public GET \/hubs answers 200 without a key\s+FAIL\s+answered 401/);
    expect(old.stdout).toMatch(
      /lists the bootstrap operations\s+FAIL\s+missing: GET \/hubs, POST \/hubs/,
    );
    expect(old.stdout).toMatch(/protected GET \/widgets .*\s+ok/);
  });
});

describe("ops-hub bootstrap", () => {
  const profile = path.resolve("lib/hub-profile/syn-hub.json");
  const keyFile = path.join(scratch, "syn-hub-runtime.key");
  const env = { IHUB_OPERATOR_KEY_FILE: operatorKeyFile };
  const bootstrap = (...extra: string[]) =>
    runOpsHubCli(
      [
        "bootstrap",
        "--profile",
        profile,
        "--base",
        appUrl,
        "--runtime-key-file",
        keyFile,
        ...extra,
      ],
      env,
    );

  it("prints the plan with --dry-run and changes nothing", async () => {
    const run = await bootstrap("--dry-run");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/create\s+hub\s+syn-hub \(Sync Hub\)/);
    expect(run.stdout).toMatch(/create\s+widget\s+syn-board-railiance/);
    expect(run.stdout).toContain("Dry run: nothing changed");
    const hubs = await listAll(clientFor(keyOf(operatorKeyFile)).listHubs);
    expect(hubs.map((hub) => hub.slug)).not.toContain("syn-hub");
    expect(() => statSync(keyFile)).toThrow();
  });

  it("bootstraps syn-hub from its profile, writes the runtime key 0600 and never prints it", async () => {
    const run = await bootstrap();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/created hub syn-hub/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = keyOf(keyFile);
    expect(run.stdout + run.stderr).not.toContain(key.slice(13));

    const runtime = clientFor(key);
    expect(await listAll(runtime.listWidgets, { hub: "syn-hub" })).toHaveLength(7);
    const hub = await runtime.getHub("syn-hub");
    expect(hub).toMatchObject({ family: "vsm", vsmFunction: "SYN", vsmSystem: "2" });
    await expect(runtime.listWidgets({ hub: "ops-hub" })).rejects.toMatchObject({
      code: "insufficient_scope",
    });
  });

  it("changes nothing the second time, and keeps the working key", async () => {
    const key = keyOf(keyFile);
    const run = await bootstrap();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Done: changed 0");
    expect(run.stdout).toContain("still works: kept");
    expect(keyOf(keyFile)).toBe(key);
  });

  it("revokes the key it replaces: after a lost key file, and with --rotate", async () => {
    const lost = keyOf(keyFile);
    rmSync(keyFile);
    const afterLoss = await bootstrap();
    expect(afterLoss.code, afterLoss.stderr).toBe(0);
    expect(afterLoss.stdout).toContain(`revoked runtime key ${lost.slice(4, 12)}… (replaced)`);
    const replacement = keyOf(keyFile);
    await expect(clientFor(lost).listWidgets({ hub: "syn-hub" })).rejects.toMatchObject({
      code: "invalid_api_key",
    });
    expect((await clientFor(replacement).listWidgets({ hub: "syn-hub" })).items).toHaveLength(7);

    const rotated = await bootstrap("--rotate");
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(keyOf(keyFile)).not.toBe(replacement);
    await expect(clientFor(replacement).listWidgets({ hub: "syn-hub" })).rejects.toMatchObject({
      code: "invalid_api_key",
    });
    expect((await clientFor(keyOf(keyFile)).listWidgets({ hub: "syn-hub" })).items).toHaveLength(7);
  });

  it("exits 3 on a missing or too open operator key file, naming the file, not the key", async () => {
    const none = await runOpsHubCli(["bootstrap", "--profile", profile, "--base", appUrl]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain("IHUB_OPERATOR_KEY_FILE is required");
    const open = path.join(scratch, "open.key");
    copyFileSync(operatorKeyFile, open);
    chmodSync(open, 0o644);
    const tooOpen = await runOpsHubCli(["bootstrap", "--profile", profile, "--base", appUrl], {
      IHUB_OPERATOR_KEY_FILE: open,
    });
    expect(tooOpen.code).toBe(3);
    expect(tooOpen.stderr).toContain(`${open} is readable by others`);
    expect(tooOpen.stderr).not.toContain(keyOf(operatorKeyFile).slice(13));
  });

  it("exits 3 on an invalid profile and 4 when Inter-Hub refuses the key", async () => {
    const bad = path.join(scratch, "bad.json");
    writeFileSync(bad, JSON.stringify({ hub: { slug: "Not A Slug" } }));
    expect((await runOpsHubCli(["bootstrap", "--profile", bad, "--base", appUrl], env)).code).toBe(
      3,
    );
    const wrong = path.join(scratch, "wrong.key");
    writeFileSync(wrong, "ihk_00000000_notarealkeynotarealkeynotarealkey\n", { mode: 0o600 });
    const refused = await runOpsHubCli(["bootstrap", "--profile", profile, "--base", appUrl], {
      IHUB_OPERATOR_KEY_FILE: wrong,
    });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("Inter-Hub rejected the API key");
  });
});

describe("ops-hub probe", () => {
  let registry: TestServer;
  let broken = false;
  const slug = `ops-endpoint-cli-${Math.random().toString(36).slice(2, 8)}`;
  const refusedSlug = `${slug}-refused`;
  // The test's endpoints are on loopback, which probes reach only when allowed.
  const env = { OPS_HUB_KEY_FILE: runtimeKeyFile, OPS_HUB_PROBE_ALLOW: LOOPBACK_ALLOW };
  const runtime = () => clientFor(keyOf(runtimeKeyFile));

  beforeAll(async () => {
    registry = await startHttpServer((_request, response) => {
      if (broken) response.writeHead(502);
      else response.writeHead(401, { "Docker-Distribution-Api-Version": "registry/2.0" });
      response.end();
    });
    const client = runtime();
    const hubId = (await client.getHub("ops-hub")).id;
    const endpoint = (name: string, url: string) =>
      client.createWidget({
        hubId,
        widgetType: "ops-endpoint",
        slug: name,
        name,
        metadata: {
          service: "ops-service-gitea",
          url,
          exposure: "internal",
          // The workplan's T07 check, as is.
          probe: {
            expectedStatus: 401,
            expectedHeaders: { "Docker-Distribution-Api-Version": "registry/2.0" },
          },
        },
      });
    await endpoint(slug, `${registry.url}/v2/`);
    await endpoint(refusedSlug, `${await refusedUrl()}/v2/`);
  });
  afterAll(() => registry?.close());

  const events = async (widgetSlug: string, eventType: string) => {
    const client = runtime();
    const widget = (await client.listWidgets({ hub: "ops-hub", slug: widgetSlug })).items[0]!;
    return (await client.listEvents({ hub: "ops-hub", widgetId: widget.id, eventType })).items;
  };

  it("probes, prints progress and a summary table, records the evidence, exits 1 on a failure", async () => {
    const run = await runOpsHubCli(
      ["probe", "--base", appUrl, "--widget", slug, "--widget", refusedSlug],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\[1\/2\]/);
    expect(run.stderr).toMatch(/\[2\/2\]/);
    expect(run.stdout).toMatch(/^ITEM\s+OUTCOME\s+STATUS\s+LATENCY/m);
    expect(run.stdout).toMatch(new RegExp(`^${slug}\\s+pass\\s+401\\s+\\d+ ms\\s+-\\s+yes`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^${refusedSlug}\\s+fail\\s+-.*connection refused`, "m"));
    expect(run.stdout).toContain("2 probed: 1 passed, 1 failed.");

    const [event] = await events(slug, "ops-endpoint-verified");
    expect(event?.metadata).toMatchObject({
      outcome: "pass",
      endpoint: `${registry.url}/v2/`,
      expectedStatus: 401,
      observedStatus: 401,
      observedHeaders: { "docker-distribution-api-version": "registry/2.0" },
      observer: { kind: "probe", via: "cli" },
    });
    expect(event?.metadata.latencyMs).toEqual(expect.any(Number));
  });

  it("records ops-drift-detected when the endpoint goes from pass to fail, and exits 0 when all pass", async () => {
    broken = true;
    const failing = await runOpsHubCli(["probe", "--base", appUrl, "--widget", slug], env);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/yes \+ drift\s+status 502, expected 401/);
    const drift = await events(slug, "ops-drift-detected");
    expect(drift).toHaveLength(1);
    expect(drift[0]!.metadata).toMatchObject({ drift: "pass-to-fail" });
    broken = false;
    const passing = await runOpsHubCli(["probe", "--base", appUrl, "--widget", slug], env);
    expect(passing.code).toBe(0);
    expect(await events(slug, "ops-drift-detected")).toHaveLength(1);
  });

  it("refuses loopback without OPS_HUB_PROBE_ALLOW, and exits 3 on a bad one", async () => {
    const hits = registry.hits();
    const run = await runOpsHubCli(["probe", "--base", appUrl, "--widget", slug, "--dry-run"], {
      OPS_HUB_KEY_FILE: runtimeKeyFile,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/127\.0\.0\.1 is a loopback address; probes may not reach it/);
    expect(registry.hits()).toBe(hits);
    const bad = await runOpsHubCli(["probe", "--base", appUrl, "--widget", slug], {
      ...env,
      OPS_HUB_PROBE_ALLOW: "10.0.0.0/80",
    });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("OPS_HUB_PROBE_ALLOW");
  });

  it("records nothing with --dry-run, and exits 3 without a runtime key file", async () => {
    const before = (await events(slug, "ops-endpoint-verified")).length;
    const dry = await runOpsHubCli(["probe", "--base", appUrl, "--widget", slug, "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/no \(dry run\)/);
    expect(await events(slug, "ops-endpoint-verified")).toHaveLength(before);
    expect((await runOpsHubCli(["probe", "--base", appUrl])).code).toBe(3);
  });
});
