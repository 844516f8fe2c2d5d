import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { getCliEnv, InvalidEnvError, type CliEnv } from "@/lib/env";
import { InterHubError } from "@/lib/interhub/errors";
import { readSecretFile } from "@/lib/security/secret-file";

/**
 * What every command shares: its output, its environment, exit codes that
 * scripts can rely on, and the typed failures that map to them. Messages
 * never carry a key: keys are read from files and only sent to Inter-Hub.
 */
export const EXIT = {
  ok: 0,
  /** A check or probe did not hold. */
  failed: 1,
  usage: 2,
  /** A bad profile, a missing or too open key file, bad environment. */
  config: 3,
  /** Inter-Hub refused or could not be reached. */
  interHub: 4,
  internal: 70,
} as const;

export const EXIT_CODES_HELP = [
  "Exit codes:",
  "  0  done; every check or probe held",
  "  1  a check or probe did not hold",
  "  2  usage error (unknown command or option, missing argument)",
  "  3  configuration error (profile, key file, environment)",
  "  4  Inter-Hub refused the request or could not be reached",
];

export type CliIo = {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Defaults to the process's environment (read in lib/env.ts). */
  env?: Record<string, string | undefined>;
  cwd?: string;
};

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export type CommandContext = {
  io: CliIo;
  env: CliEnv;
  resolve: (file: string) => string;
};

export function commandContext(io: CliIo): CommandContext {
  let env: CliEnv;
  try {
    env = getCliEnv(io.env);
  } catch (error) {
    if (error instanceof InvalidEnvError) throw new CliError(EXIT.config, error.message);
    throw error;
  }
  return { io, env, resolve: (file) => path.resolve(io.cwd ?? process.cwd(), file) };
}

/** Parses a command's options; an unknown option or a stray argument is a usage error. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(EXIT.usage, error instanceof Error ? error.message : String(error));
  }
}

/** A key from a 0600 file; the error names the file or the variable, never a key. */
export function readKeyFile(file: string | undefined, what: string): string {
  if (!file)
    throw new CliError(EXIT.config, `${what} is required: name the file that holds the key`);
  let key: string | undefined;
  try {
    key = readSecretFile(file);
  } catch (error) {
    throw new CliError(EXIT.config, error instanceof Error ? error.message : String(error));
  }
  if (!key) throw new CliError(EXIT.config, `${what}: ${file} is missing or empty`);
  return key;
}

export function requireBase(base: string | undefined, env: CliEnv): string {
  const url = base ?? env.INTERHUB_URL;
  if (!url) throw new CliError(EXIT.usage, "--base <url> is required (or set INTERHUB_URL)");
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error();
  } catch {
    throw new CliError(EXIT.usage, "--base must be an http:// or https:// URL");
  }
  return url;
}

/** Inter-Hub's typed failures as exit code 4, with their safe message. */
export function interHubFailure(error: unknown): CliError | undefined {
  return error instanceof InterHubError ? new CliError(EXIT.interHub, error.message) : undefined;
}
