import { probeGate } from "@/lib/interhub/gate-probe";
import { v2BaseUrl } from "@/lib/interhub/wire";
import {
  CliError,
  EXIT,
  EXIT_CODES_HELP,
  parseOptions,
  readKeyFile,
  requireBase,
  type CommandContext,
} from "./context";
import { table } from "./output";

export const GATE_PROBE_HELP = [
  "Usage: ops-hub gate-probe --base <url> [--key-file <file>] [--timeout-ms <ms>]",
  "",
  "Tells which contract an Inter-Hub speaks, one line per check: public reads (GET /hubs,",
  "/policy-scopes) answer 200 without a key; protected reads (GET /widgets, /hub-registry)",
  "answer 401 invalid_api_key; the OpenAPI lists the bootstrap operations; the given key",
  "exchanges for a Bearer token that reads the hub registry. Exits 0 only when all hold.",
  "",
  "Options:",
  "  --base <url>        the Inter-Hub, e.g. https://hub.example.org (default: INTERHUB_URL)",
  "  --key-file <file>   a file (mode 0600) holding the key to exchange",
  "                      (default: IHUB_OPERATOR_KEY_FILE, else OPS_HUB_KEY_FILE)",
  "  --timeout-ms <ms>   per request (default 10000)",
  "  -h, --help          this help",
  "",
  ...EXIT_CODES_HELP,
];

export async function gateProbeCommand(args: string[], context: CommandContext): Promise<number> {
  const options = parseOptions(args, {
    base: { type: "string" },
    "key-file": { type: "string" },
    "timeout-ms": { type: "string" },
  });
  if (options.help) {
    GATE_PROBE_HELP.forEach((line) => context.io.stdout(line));
    return EXIT.ok;
  }
  const base = requireBase(options.base, context.env);
  const timeoutMs = Number(options["timeout-ms"] ?? 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000)
    throw new CliError(EXIT.usage, "--timeout-ms must be a whole number from 100 to 120000");
  const keyFile =
    options["key-file"] ?? context.env.IHUB_OPERATOR_KEY_FILE ?? context.env.OPS_HUB_KEY_FILE;
  const key = keyFile
    ? readKeyFile(context.resolve(keyFile), options["key-file"] ? "--key-file" : "the key file")
    : undefined;

  const checks = await probeGate(base, { key, timeoutMs });
  const { stdout } = context.io;
  stdout(`Inter-Hub contract at ${v2BaseUrl(base)}`);
  table(
    ["CHECK", "RESULT", "DETAIL"],
    checks.map((c) => [c.check, c.ok ? "ok" : "FAIL", c.detail]),
  ).forEach((line) => stdout(line));
  const failed = checks.filter((c) => !c.ok).length;
  stdout(
    failed === 0
      ? `All ${checks.length} checks hold: this Inter-Hub speaks the contract ops-hub needs.`
      : `${failed} of ${checks.length} checks do not hold.`,
  );
  return failed === 0 ? EXIT.ok : EXIT.failed;
}
