import { readFileSync } from "node:fs";
import { applyHubProfile, type ApplyStep } from "@/lib/hub-profile/apply";
import { parseHubProfile, type HubProfile } from "@/lib/hub-profile/schema";
import { createInterHubClient, type InterHubClient } from "@/lib/interhub/client";
import { InterHubError } from "@/lib/interhub/errors";
import { v2BaseUrl } from "@/lib/interhub/wire";
import { readSecretFile, writeSecretFile } from "@/lib/security/secret-file";
import {
  CliError,
  EXIT,
  EXIT_CODES_HELP,
  interHubFailure,
  parseOptions,
  readKeyFile,
  requireBase,
  type CommandContext,
} from "./context";
import { table } from "./output";

export const BOOTSTRAP_HELP = [
  "Usage: ops-hub bootstrap --profile <file> [--base <url>] [--runtime-key-file <file>] [--rotate] [--keep-other-keys] [--dry-run]",
  "",
  "Brings a hub to the state its profile describes, in any Inter-Hub v2 (remote or",
  "embedded), through its API: creates or reuses the hub, creates and activates the",
  "manifest when the vocabulary differs, creates or reuses the runtime API consumer",
  "and gives it a key, seeds the widgets and the first events. Idempotent: a second",
  "run changes nothing. No key is ever printed.",
  "",
  "Options:",
  "  --profile <file>           the hub profile (JSON), e.g. lib/hub-profile/syn-hub.json",
  "  --base <url>               the Inter-Hub, e.g. https://hub.example.org (default: INTERHUB_URL)",
  "  --runtime-key-file <file>  where the runtime key is kept, mode 0600 (default: ./<slug>-runtime.key);",
  "                             a new key is made only when this file holds no working one.",
  "                             For ops-hub's embedded hub: <data dir>/keys/<slug>-runtime.key,",
  "                             which also lets the app show the hub",
  "                             A new runtime key revokes the consumer's other keys (the one it",
  "                             replaces may sit in a lost key file)",
  "  --rotate                   make a new runtime key even when the file's key still works",
  "  --keep-other-keys          with a new runtime key, keep the consumer's other keys (for",
  "                             several holders, each with a key file of its own)",
  "  --dry-run                  print the plan; change nothing",
  "  -h, --help                 this help",
  "",
  "Environment:",
  "  IHUB_OPERATOR_KEY_FILE     a file (mode 0600) holding a framework:admin key (required)",
  "  INTERHUB_URL               the default for --base",
  "",
  ...EXIT_CODES_HELP,
];

export async function bootstrapCommand(args: string[], context: CommandContext): Promise<number> {
  const options = parseOptions(args, {
    profile: { type: "string" },
    base: { type: "string" },
    "runtime-key-file": { type: "string" },
    rotate: { type: "boolean" },
    "keep-other-keys": { type: "boolean" },
    "dry-run": { type: "boolean" },
  });
  if (options.help) {
    BOOTSTRAP_HELP.forEach((line) => context.io.stdout(line));
    return EXIT.ok;
  }
  if (!options.profile) throw new CliError(EXIT.usage, "--profile <file> is required");
  const base = requireBase(options.base, context.env);
  const profile = loadProfile(context.resolve(options.profile));
  const operatorKey = readKeyFile(context.env.IHUB_OPERATOR_KEY_FILE, "IHUB_OPERATOR_KEY_FILE");
  const runtimeKeyFile = context.resolve(
    options["runtime-key-file"] ?? `${profile.hub.slug}-runtime.key`,
  );
  const dryRun = options["dry-run"] ?? false;
  const { stdout } = context.io;

  try {
    const operator = createInterHubClient({ baseUrl: v2BaseUrl(base), apiKey: () => operatorKey });
    const keepKey =
      !options.rotate && (await runtimeKeyWorks(operator, base, runtimeKeyFile, profile.hub.slug));
    stdout(
      `${dryRun ? "Plan for" : "Bootstrapping"} hub ${profile.hub.slug} (${profile.hub.vsm_function} / System ${profile.hub.vsm_system}) at ${v2BaseUrl(base)}`,
    );
    const result = await applyHubProfile(operator, profile, {
      createRuntimeKey: !keepKey,
      revokeReplacedKeys: !options["keep-other-keys"],
      dryRun,
      onStep: dryRun ? undefined : (step) => stdout(`  ${describe(step)}`),
    });
    if (dryRun) {
      const rows = result.steps.map((step) => [step.action, step.kind, step.name]);
      table(["ACTION", "WHAT", "NAME"], rows).forEach((line) => stdout(`  ${line}`));
      if (keepKey) stdout(`  keep   runtime key in ${runtimeKeyFile}`);
      else stdout(`  the new runtime key would be written to ${runtimeKeyFile} (mode 0600)`);
      stdout(`Dry run: nothing changed; ${summary(result.steps, true)}`);
      return EXIT.ok;
    }
    if (result.runtimeKey) {
      writeSecretFile(runtimeKeyFile, result.runtimeKey);
      stdout(`  runtime key written to ${runtimeKeyFile} (mode 0600)`);
    } else stdout(`  runtime key in ${runtimeKeyFile} still works: kept`);
    stdout(`Done: ${summary(result.steps, false)}`);
    return EXIT.ok;
  } catch (error) {
    throw interHubFailure(error) ?? error;
  }
}

function loadProfile(file: string): HubProfile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(
      EXIT.config,
      `cannot read the profile ${file}: ${error instanceof Error ? error.message : error}`,
    );
  }
  try {
    return parseHubProfile(data, file);
  } catch (error) {
    throw new CliError(EXIT.config, error instanceof Error ? error.message : String(error));
  }
}

/** Whether the key file holds a key that still reads this hub: then no new key is made. */
async function runtimeKeyWorks(
  operator: InterHubClient,
  base: string,
  file: string,
  hub: string,
): Promise<boolean> {
  let key: string | undefined;
  try {
    key = readSecretFile(file);
  } catch (error) {
    throw new CliError(EXIT.config, error instanceof Error ? error.message : String(error));
  }
  if (!key) return false;
  // A key for a hub that does not exist yet cannot be this hub's.
  if (!(await operator.getHub(hub).catch(ifNotFound))) return false;
  const runtime = createInterHubClient({ baseUrl: v2BaseUrl(base), apiKey: () => key });
  try {
    await runtime.listWidgets({ hub, perPage: 1 });
    return true;
  } catch (error) {
    if (error instanceof InterHubError && !error.transient) return false;
    throw error;
  }
}

function ifNotFound(error: unknown): undefined {
  if (error instanceof InterHubError && error.code === "not_found") return undefined;
  throw error;
}

function describe(step: ApplyStep): string {
  const verb = { create: "created", keep: "kept", replace: "replaced", revoke: "revoked" }[
    step.action
  ];
  return `${verb} ${step.kind} ${step.name}`;
}

function summary(steps: ApplyStep[], dryRun: boolean): string {
  const changes = steps.filter((step) => step.action !== "keep").length;
  const kept = steps.length - changes;
  return dryRun ? `would change ${changes}, keep ${kept}.` : `changed ${changes}, kept ${kept}.`;
}
