import { bootstrapCommand } from "./bootstrap";
import { CliError, commandContext, EXIT, EXIT_CODES_HELP, type CliIo } from "./context";
import { gateProbeCommand } from "./gate-probe";
import { probeCommand } from "./probe";

/**
 * `npx ops-hub <command>`: the one command-line entry point (bin/ops-hub.mjs
 * runs this module). The commands use the same modules as the server: the
 * Inter-Hub client, the hub profile bootstrap and the probe engine.
 *
 * It runs outside Next.js, so nothing it imports may `import "server-only"`
 * (that guard throws outside React's server build); no app code imports
 * lib/cli. The CLI tests run this very entry point, so a module that gains
 * the guard shows up there at once.
 */
const COMMANDS = {
  bootstrap: {
    run: bootstrapCommand,
    summary: "create or update a hub from its profile, idempotently",
  },
  "gate-probe": { run: gateProbeCommand, summary: "tell which contract an Inter-Hub speaks" },
  probe: { run: probeCommand, summary: "probe endpoints and record the evidence" },
} as const;

export const MAIN_HELP = [
  "Usage: ops-hub <command> [options]",
  "",
  "Commands:",
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(12)}${summary}`),
  "",
  "Run `ops-hub <command> --help` for a command's options.",
  "",
  ...EXIT_CODES_HELP,
];

const consoleIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    MAIN_HELP.forEach((line) => (command === undefined ? io.stderr : io.stdout)(line));
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = COMMANDS[command as keyof typeof COMMANDS];
  if (!entry) {
    io.stderr(`ops-hub: unknown command "${command}"`);
    MAIN_HELP.forEach((line) => io.stderr(line));
    return EXIT.usage;
  }
  try {
    return await entry.run(args, commandContext(io));
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`ops-hub ${command}: ${error.message}`);
      if (error.exitCode === EXIT.usage) io.stderr(`Run \`ops-hub ${command} --help\` for usage.`);
      return error.exitCode;
    }
    io.stderr(
      `ops-hub ${command}: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.internal;
  }
}
