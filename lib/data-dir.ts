import "server-only";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "./env";

/**
 * Files ops-hub keeps in its data directory: the embedded database, the keys
 * of the embedded hub, the generated session secret and the first admin
 * password. Secret files are created 0600 and refused when others can read them.
 */
export function dataPath(...parts: string[]): string {
  return path.resolve(getEnv().OPS_HUB_DATA_DIR, ...parts);
}

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

/** A secret from the environment, else from its file, else generated once into that file. */
export function persistentSecret(
  file: string,
  fromEnv: string | undefined,
  generate: () => string,
): string {
  if (fromEnv) return fromEnv;
  const existing = readSecretFile(file);
  if (existing) return existing;
  const value = generate();
  writeSecretFile(file, value);
  return value;
}
