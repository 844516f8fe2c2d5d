import { spawn } from "node:child_process";
import path from "node:path";

/** Runs `bin/ops-hub.mjs` as a script would, for tests: its exit code and both outputs. */
export type CliRun = { code: number | null; stdout: string; stderr: string };

const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "ops-hub.mjs");

export function runOpsHubCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      // Only what the test gives: no INTERHUB_URL or key file leaks in from the shell.
      env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
