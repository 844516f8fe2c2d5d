#!/usr/bin/env node
// Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL
// server started from the machine's server binaries (as the `postgres` user
// when running as root: PostgreSQL refuses root). Without the binaries the
// command still runs, and the PostgreSQL targets say plainly they are skipped.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: with-postgres.mjs <command> [args…]");
  process.exit(2);
}

function findBinDir() {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort().reverse()) {
      const dir = path.join(root, version, "bin");
      if (existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) return dir;
    }
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : undefined;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const binDir = findBinDir();
let stop = () => {};
const env = { ...process.env };

if (!binDir) {
  console.warn(
    "\n[with-postgres] SKIPPING the PostgreSQL contract run: no PostgreSQL server binaries (initdb, pg_ctl) on this machine.\n" +
      "[with-postgres] Install them (Debian: apt-get install -y postgresql) to run it; CI does.\n",
  );
} else {
  const asRoot = process.getuid?.() === 0;
  const base = mkdtempSync(path.join(tmpdir(), "ops-hub-pg-"));
  chmodSync(base, 0o777);
  const dataDir = path.join(base, "data");
  const port = await freePort();
  const run = (bin, binArgs) => {
    const full = path.join(binDir, bin);
    const [file, fileArgs] = asRoot
      ? ["runuser", ["-u", "postgres", "--", full, ...binArgs]]
      : [full, binArgs];
    execFileSync(file, fileArgs, { stdio: ["ignore", "ignore", "inherit"] });
  };
  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", [
    "-D",
    dataDir,
    "-l",
    path.join(base, "server.log"),
    "-w",
    "-o",
    `-k ${base} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  stop = () => {
    try {
      run("pg_ctl", ["-D", dataDir, "-m", "immediate", "stop"]);
    } catch {
      // already gone
    }
    rmSync(base, { recursive: true, force: true });
  };
  env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // On stderr: the command's own output (e.g. the bench's --json) stays clean.
  console.error(`[with-postgres] PostgreSQL from ${binDir} on port ${port}`);
}

const result = spawnSync(command, args, { stdio: "inherit", env, shell: false });
stop();
process.exit(result.status ?? 1);
