import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { createInterHubClient, listAll } from "@/lib/interhub/client";
import { v2BaseUrl } from "@/lib/interhub/wire";
import type { ProbeObserver } from "@/lib/domain/probe-judge";
import { runProbes, type ProbeResult } from "@/lib/probes/run";
import { probeTargets } from "@/lib/domain/probe-spec";
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

export const PROBE_HELP = [
  "Usage: ops-hub probe [--base <url>] [--hub <slug>] [--widget <slug>]... [--scheduled]",
  "                     [--concurrency <n>] [--ca-file <file>] [--dry-run]",
  "",
  "Probes the endpoints that declare a probe (metadata.probe) and the services that",
  "declare a health URL (metadata.health), checks status, headers, body, TLS days left",
  "and latency, and records ops-endpoint-verified or ops-health-checked evidence with",
  "what was observed and who observed it; a change from pass to fail also records",
  "ops-drift-detected. Progress goes to stderr, a summary table to stdout.",
  "",
  "Options:",
  "  --base <url>          the Inter-Hub (default: INTERHUB_URL)",
  "  --hub <slug>          the hub whose items to probe (default: OPS_HUB_HUB_SLUG, else ops-hub)",
  "  --widget <slug>       probe only this item (repeatable)",
  "  --scheduled           probe only the items that declare a cadence",
  "  --concurrency <n>     probes at a time (default 4)",
  "  --ca-file <file>      extra trusted CA certificates (PEM), e.g. an internal CA",
  "  --dry-run             probe, but record nothing",
  "  -h, --help            this help",
  "",
  "Environment:",
  "  OPS_HUB_KEY_FILE      a file (mode 0600) holding the hub's runtime key (required)",
  "  INTERHUB_URL          the default for --base",
  "  OPS_HUB_PROBE_ALLOW   hosts and CIDR ranges probes may reach beyond public addresses,",
  "                        e.g. 10.0.0.0/8,gitea.internal (loopback, private, link-local",
  "                        and cloud metadata addresses are refused otherwise)",
  "",
  ...EXIT_CODES_HELP,
];

export async function probeCommand(args: string[], context: CommandContext): Promise<number> {
  const options = parseOptions(args, {
    base: { type: "string" },
    hub: { type: "string" },
    widget: { type: "string", multiple: true },
    scheduled: { type: "boolean" },
    concurrency: { type: "string" },
    "ca-file": { type: "string" },
    "dry-run": { type: "boolean" },
  });
  if (options.help) {
    PROBE_HELP.forEach((line) => context.io.stdout(line));
    return EXIT.ok;
  }
  const base = requireBase(options.base, context.env);
  const hub = options.hub ?? context.env.OPS_HUB_HUB_SLUG;
  const concurrency = Number(options.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new CliError(EXIT.usage, "--concurrency must be a whole number from 1 to 32");
  let ca: string | undefined;
  if (options["ca-file"]) {
    try {
      ca = readFileSync(context.resolve(options["ca-file"]), "utf8");
    } catch {
      throw new CliError(EXIT.config, `cannot read --ca-file ${options["ca-file"]}`);
    }
  }
  const key = readKeyFile(context.env.OPS_HUB_KEY_FILE, "OPS_HUB_KEY_FILE");
  const client = createInterHubClient({ baseUrl: v2BaseUrl(base), apiKey: () => key });
  const { stdout, stderr } = context.io;

  let results: ProbeResult[];
  try {
    const widgets = await listAll(client.listWidgets, { hub });
    const wanted = new Set(options.widget ?? []);
    const unknown = [...wanted].filter((slug) => !widgets.some((w) => w.slug === slug));
    if (unknown.length > 0)
      throw new CliError(EXIT.usage, `no item ${unknown.join(", ")} in hub ${hub}`);
    const chosen = wanted.size > 0 ? widgets.filter((w) => wanted.has(w.slug)) : widgets;
    const { targets, problems } = probeTargets(chosen);
    for (const { widget, problem } of problems)
      stderr(`skipped ${widget.slug}: its probe declaration is invalid (${problem})`);
    const selected = options.scheduled ? targets.filter((t) => t.spec.cadenceSeconds) : targets;
    if (selected.length === 0) {
      stdout(`Nothing to probe in hub ${hub}.`);
      return problems.length > 0 && wanted.size > 0 ? EXIT.config : EXIT.ok;
    }
    const host = hostname();
    const observer: ProbeObserver = {
      kind: "probe",
      name: `ops-hub probe (CLI, ${safeUser()}@${host})`,
      via: "cli",
      host,
    };
    const runId = randomUUID();
    stderr(
      `Probing ${selected.length} item(s) of hub ${hub}${options["dry-run"] ? " (dry run: nothing recorded)" : ""}`,
    );
    results = await runProbes({ slug: hub, client }, selected, {
      observer,
      concurrency,
      ca,
      allow: context.env.OPS_HUB_PROBE_ALLOW,
      dryRun: options["dry-run"],
      viewContext: "ops-hub probe (CLI)",
      idempotencyKey: (target) => `ops-hub-probe:${target.key}:${runId}`,
      onResult: (result, done, total) =>
        stderr(
          `[${done}/${total}] ${result.target.widget.slug}: ${result.verdict.outcome}${result.recordError ? " (not recorded)" : ""}`,
        ),
    });
  } catch (error) {
    throw interHubFailure(error) ?? error;
  }

  table(
    ["ITEM", "OUTCOME", "STATUS", "LATENCY", "TLS DAYS", "RECORDED", "DETAIL"],
    results.map((r) => [
      r.target.widget.slug,
      r.verdict.outcome,
      String(r.observation.status ?? "-"),
      `${r.observation.latencyMs} ms`,
      r.observation.tls ? String(r.observation.tls.daysLeft) : "-",
      options["dry-run"] ? "no (dry run)" : r.recordError ? "NO" : r.drift ? "yes + drift" : "yes",
      r.recordError ?? (r.verdict.failures.join("; ") || r.target.url),
    ]),
  ).forEach((line) => stdout(line));
  const failed = results.filter((r) => r.verdict.outcome === "fail").length;
  const unrecorded = results.filter((r) => r.recordError).length;
  stdout(
    `${results.length} probed: ${results.length - failed} passed, ${failed} failed${unrecorded ? `, ${unrecorded} not recorded` : ""}.`,
  );
  if (unrecorded > 0) return EXIT.interHub;
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
