import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Files that hold a secret (a key, a session secret): created 0600 in a 0700
 * folder, and refused when others can read them. Shared by the server (via
 * lib/data-dir.ts) and the command line. Errors name the file, never its content.
 */
export function writeSecretFile(file: string, value: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Reads a secret file; undefined when absent, an error naming the file when too open. */
export function readSecretFile(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new Error(
      `${file} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${file}`,
    );
  }
  return readFileSync(file, "utf8").trim() || undefined;
}
