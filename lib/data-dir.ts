import "server-only";
import path from "node:path";
import { readSecretFile, writeSecretFile } from "@/lib/security/secret-file";
import { getEnv } from "./env";

export { readSecretFile, writeSecretFile };

/**
 * Files ops-hub keeps in its data directory: the embedded database, the keys
 * of the embedded hub, the generated session secret and the first admin
 * password. Secret files are created 0600 and refused when others can read them.
 */
export function dataPath(...parts: string[]): string {
  return path.resolve(getEnv().OPS_HUB_DATA_DIR, ...parts);
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
