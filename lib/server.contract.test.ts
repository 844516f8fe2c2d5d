import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { standaloneServer } from "../scripts/build-if-needed.mjs";
import { startAppServer } from "../scripts/app-server.mjs";
import { serverEnv } from "../scripts/server-env.mjs";

/** The production server as an operator meets it: start-up, restarts, and a remote Inter-Hub. */
const ready = async (url: string) =>
  (await fetch(`${url}/api/ready`)).json() as Promise<{
    ready: boolean;
    checks: Record<string, { ok: boolean; detail: string }>;
  }>;

describe("the ops-hub server", () => {
  it("refuses to start on bad configuration, naming the variable", () => {
    const result = spawnSync(process.execPath, [standaloneServer], {
      env: serverEnv(process.env, {
        INTERHUB_URL: "ftp://hub.example.org",
        PORT: "0",
        OPS_HUB_DATA_DIR: mkdtempSync(path.join(tmpdir(), "ops-hub-bad-")),
      }),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(
      /INTERHUB_URL must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it("keeps its data across a restart and seeds only once", async () => {
    const first = await startAppServer({ name: "restart" });
    const password = readFileSync(path.join(first.dataDir, "initial-admin-password"), "utf8");
    const before = await ready(first.url);
    await first.stop();
    const second = await startAppServer({ name: "restart", dataDir: first.dataDir });
    try {
      expect((await ready(second.url)).checks.interHub!.detail).toBe(
        before.checks.interHub!.detail,
      );
      expect(readFileSync(path.join(first.dataDir, "initial-admin-password"), "utf8")).toBe(
        password,
      );
      const log = readFileSync(second.logFile, "utf8");
      expect(log.match(/widgets, 1 events seeded/g)).toHaveLength(1);
      expect(log.match(/created account "admin"/g)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it("runs against a remote Inter-Hub given by INTERHUB_URL and a 0600 key file", async () => {
    const hubDataDir = inject("appDataDir");
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "ops-hub-key-")), "runtime.key");
    copyFileSync(path.join(hubDataDir, "keys", "ops-hub-runtime.key"), keyFile);
    chmodSync(keyFile, 0o600);
    const remote = await startAppServer({
      name: "remote",
      env: { INTERHUB_URL: inject("appUrl"), OPS_HUB_KEY_FILE: keyFile },
    });
    try {
      const report = await ready(remote.url);
      expect(report.ready).toBe(true);
      expect(report.checks.interHub!.detail).toBe("remote hub ops-hub answers");
      // Its own /api/v2 is off: it is a client here, not a hub.
      expect((await fetch(`${remote.url}/api/v2/hubs`)).status).toBe(404);
    } finally {
      await remote.stop();
    }
  }, 120_000);

  it("answers /api/ready with 503 and the reason while its Inter-Hub is down, and keeps running", async () => {
    const server = await startAppServer({
      name: "hub-down",
      env: {
        INTERHUB_URL: "http://127.0.0.1:9",
        OPS_HUB_KEY: "ihk_00000000_notusedbecausenobodyanswers",
        INTERHUB_TIMEOUT_MS: "500",
      },
      waitFor: "health",
    });
    try {
      const response = await fetch(`${server.url}/api/ready`);
      expect(response.status).toBe(503);
      const report = (await response.json()) as {
        ready: boolean;
        checks: Record<string, { ok: boolean; detail: string }>;
      };
      expect(report.checks.database!.ok).toBe(true);
      expect(report.checks.interHub).toEqual({
        ok: false,
        detail: expect.stringContaining("upstream_unavailable"),
      });
      expect(JSON.stringify(report)).not.toContain("notusedbecausenobodyanswers");
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(readFileSync(server.logFile, "utf8")).not.toContain("notusedbecausenobodyanswers");
  });
});
