#!/usr/bin/env node
// Builds the production bundle unless the current one was built from exactly
// these sources (a content hash, so a fresh clone or a checkout rebuilds and a
// second `npm start` does not). The standalone build gets its static assets
// and the production server (ops-hub-server.mjs) next to it, as the
// Dockerfile arranges them.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "scripts/ops-hub-server.mjs",
];
const stampFile = path.join(root, ".next", "ops-hub-source-hash");
/** The production server (see ops-hub-server.mjs), beside Next's generated server.js. */
export const standaloneServer = path.join(root, ".next", "standalone", "ops-hub-server.mjs");

function* files(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const child of readdirSync(full).sort()) {
      if (!/\.test\.tsx?$/.test(child)) yield* files(path.join(entry, child));
    }
  } else yield entry;
}

export function sourceHash() {
  const hash = createHash("sha256");
  for (const entry of SOURCES) {
    for (const file of files(entry))
      hash
        .update(file)
        .update("\0")
        .update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}

/** With `toStderr`, the build's output goes to stderr (the bench keeps stdout for its JSON). */
export function buildIfNeeded({ toStderr = false } = {}) {
  const hash = sourceHash();
  if (
    existsSync(standaloneServer) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === hash
  )
    return;
  (toStderr ? console.error : console.log)(
    "[ops-hub] building the production bundle (first start or changed sources)…",
  );
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      cwd: root,
      stdio: ["inherit", toStderr ? 2 : "inherit", "inherit"],
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  cpSync(path.join(root, "scripts", "ops-hub-server.mjs"), standaloneServer);
  cpSync(
    path.join(root, ".next", "static"),
    path.join(root, ".next", "standalone", ".next", "static"),
    { recursive: true },
  );
  if (existsSync(path.join(root, "public"))) {
    cpSync(path.join(root, "public"), path.join(root, ".next", "standalone", "public"), {
      recursive: true,
    });
  }
  writeFileSync(stampFile, hash);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfNeeded();
