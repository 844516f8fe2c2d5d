#!/usr/bin/env node
// Starts the production build for tests: a free port (or PORT), a throwaway
// data directory, and every line the server prints kept in <data>/server.log,
// which the secret-leak test searches.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { standaloneServer } from "./build-if-needed.mjs";
import { serverEnv } from "./server-env.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits for /api/ready (or only /api/health with `waitFor: "health"`, for a
 * server that is meant to start without its Inter-Hub).
 * @param {{ name: string, port?: number, dataDir?: string, env?: Record<string, string>, waitFor?: "ready" | "health" }} options
 * @returns {Promise<{ url: string, dataDir: string, logFile: string, pid: number, stop: () => Promise<void> }>}
 */
export async function startAppServer({ name, port, dataDir, env = {}, waitFor = "ready" }) {
  port ??= await freePort();
  dataDir ??= mkdtempSync(path.join(tmpdir(), `ops-hub-${name}-`));
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, "server.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [standaloneServer], {
    env: serverEnv(process.env, { ...env, OPS_HUB_DATA_DIR: dataDir, PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://localhost:${port}`;
  const exited = new Promise((resolve) => child.once("exit", resolve));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`ops-hub (${name}) exited during start; see ${logFile}`);
    try {
      const response = await fetch(`${url}/api/${waitFor}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`ops-hub (${name}) not ready after 90 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    dataDir,
    logFile,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      log.end();
    },
  };
}

// CLI, for Playwright's webServer: `node scripts/app-server.mjs <data dir>`
// with PORT set; a fresh data directory every run.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dataDir = path.resolve(process.argv[2] ?? ".tmp/e2e-data");
  rmSync(dataDir, { recursive: true, force: true });
  const server = await startAppServer({
    name: "e2e",
    port: Number(process.env.PORT) || undefined,
    dataDir,
  });
  console.log(`[app-server] ready at ${server.url} with data in ${server.dataDir}`);
  for (const signal of ["SIGINT", "SIGTERM"])
    process.on(signal, () => server.stop().then(() => process.exit(0)));
}
