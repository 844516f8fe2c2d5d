#!/usr/bin/env node
// `npx ops-hub <command>`: ops-hub's command line. The commands are the same
// TypeScript modules the server uses (lib/cli/main.ts); jiti runs them as they
// are, so a fresh clone needs nothing beyond `npm ci`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";

// `ops-hub probe | head`: a closed pipe ends the output, not with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const jiti = createJiti(import.meta.url, { alias: { "@": root } });
const { runCli } = await jiti.import(path.join(root, "lib", "cli", "main.ts"));
process.exitCode = await runCli(process.argv.slice(2));
