#!/usr/bin/env node
// `npm run lint`'s check of the embedded hub's OpenAPI document: the document
// as the hub builds it, written to .tmp and linted by Redocly with every
// recommended rule an error (redocly.yaml), so a warning fails too.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// openapi.ts is server code: outside Next, `server-only` is the empty stub the tests use.
const jiti = createJiti(import.meta.url, {
  alias: { "@": root, "server-only": path.join(root, "test", "server-only-stub.ts") },
});
const { buildOpenApiDocument } = await jiti.import(
  path.join(root, "lib", "embedded-hub", "openapi.ts"),
);
const file = path.join(root, ".tmp", "openapi.json");
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(
  file,
  JSON.stringify(buildOpenApiDocument("https://ops-hub.invalid/api/v2"), null, 2),
);

const redocly = spawnSync(
  process.execPath,
  [path.join(root, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", file],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);
process.exitCode = redocly.status ?? 1;
