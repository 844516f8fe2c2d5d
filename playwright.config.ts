import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { LOOPBACK_ALLOW } from "./test/probe-servers";

/**
 * End-to-end tests in a real Chromium against the production build, started
 * with a fresh data directory each run. Browsers cannot be downloaded here:
 * Debian's chromium is used (`.ci/run` installs it).
 */
const port = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATA_DIR = path.resolve(".tmp/e2e-data");
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((file) =>
  existsSync(file),
);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node scripts/app-server.mjs ${E2E_DATA_DIR}`,
    url: `http://localhost:${port}/api/ready`,
    // Fault injection lets a test make the embedded hub fail and recover; the
    // probe tests' endpoints are on loopback, which probes reach only when allowed.
    env: {
      PORT: String(port),
      OPS_HUB_FAULT_INJECTION: "on",
      OPS_HUB_PROBE_ALLOW: LOOPBACK_ALLOW,
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
  },
});
