import { RE2JS } from "re2js";
import { z } from "zod";
import type { Widget } from "./types";

/**
 * What a probe expects, as an endpoint widget declares it in `metadata.probe`
 * (or a service in `metadata.health`, with its `url`). The workplan's T07
 * check parses as is: `{"expectedStatus": 401, "expectedHeaders":
 * {"Docker-Distribution-Api-Version": "registry/2.0"}}`.
 *
 * Only an item with `cadenceSeconds` is probed on a schedule; any item with a
 * probe can be probed on demand.
 */
export const MIN_CADENCE_SECONDS = 30;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_TIMEOUT_MS = 30_000;
export const MAX_BODY_PATTERN_LENGTH = 500;
/**
 * RE2 matches in time linear in the body, times the compiled pattern's size;
 * counted repetitions (`x{999}`) grow that size far beyond the pattern's
 * length, so it is capped too. Measured on a hostile 64 KiB body: patterns
 * near the cap took up to about 2.5 s (`(?i)(.*a){999}b`, 5,000 steps, took
 * 18 s), where a backtracking engine needs a minute for `(a+)+b` on 30 `a`s.
 */
export const MAX_BODY_PATTERN_PROGRAM = 1000;

const status = z.number().int().min(100).max(599);

/** Probes speak HTTP: a `file:`, `ftp:` or `gopher:` URL is a declaration error, never fetched. */
export const probeUrlSchema = z.url({
  protocol: /^https?$/,
  message: "must be an http:// or https:// URL",
});

/**
 * The body pattern, compiled for RE2 (linear time: no lookaround, no
 * backreferences), or why it cannot be: a user's pattern runs on the server,
 * so a backtracking engine would let `(a+)+b` freeze it.
 */
export function compileBodyPattern(source: string): RE2JS | string {
  if (source.length > MAX_BODY_PATTERN_LENGTH)
    return `must be at most ${MAX_BODY_PATTERN_LENGTH} characters`;
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(source);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : "";
    return `must be a valid RE2 regular expression${reason ? ` (${reason})` : ""}`;
  }
  const size = pattern.matcher("").programSize();
  if (size > MAX_BODY_PATTERN_PROGRAM)
    return `is too complex (${size} steps once expanded, at most ${MAX_BODY_PATTERN_PROGRAM}): use smaller {n} repetitions`;
  return pattern;
}

/** Whether `body` contains a match of a pattern the schema accepted. */
export function bodyMatchesPattern(source: string, body: string): boolean {
  const pattern = compileBodyPattern(source);
  return typeof pattern !== "string" && pattern.test(body);
}

const bodyPattern = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    const pattern = compileBodyPattern(source);
    if (typeof pattern === "string") ctx.addIssue({ code: "custom", message: pattern });
  });

export const probeSpecSchema = z.object({
  method: z.enum(["GET", "HEAD"]).default("GET"),
  /** One status or several acceptable ones. */
  expectedStatus: z.union([status, z.array(status).min(1)]).default(200),
  /** Header name (any case) → exact value. */
  expectedHeaders: z.record(z.string().min(1), z.string()).default({}),
  /** The body (its first 64 KiB) contains this text. */
  bodyContains: z.string().min(1).optional(),
  /** The body (its first 64 KiB) matches this RE2 regular expression. */
  bodyMatches: bodyPattern.optional(),
  /** The TLS certificate has at least this many days left. */
  minTlsDaysLeft: z.number().min(0).max(3650).optional(),
  /** The answer arrives within this many milliseconds. */
  maxLatencyMs: z.number().int().positive().max(MAX_TIMEOUT_MS).optional(),
  timeoutMs: z.number().int().min(100).max(MAX_TIMEOUT_MS).default(DEFAULT_TIMEOUT_MS),
  /** How often the scheduler probes it; unset = on demand only. */
  cadenceSeconds: z
    .number()
    .int()
    .min(MIN_CADENCE_SECONDS, `must be at least ${MIN_CADENCE_SECONDS} seconds`)
    .max(30 * 86_400)
    .optional(),
});

export type ProbeSpec = z.infer<typeof probeSpecSchema>;

/** A service's health URL: a URL and the same expectations. */
export const healthSpecSchema = probeSpecSchema.extend({ url: probeUrlSchema });

export const PROBE_EVENT_TYPES = {
  endpoint: "ops-endpoint-verified",
  health: "ops-health-checked",
} as const;
export type ProbeEventType = (typeof PROBE_EVENT_TYPES)[keyof typeof PROBE_EVENT_TYPES];

/** One thing to probe: a widget, the URL, what to expect, and the event that records it. */
export type ProbeTarget = {
  widget: Pick<Widget, "id" | "hubId" | "slug" | "name" | "type">;
  url: string;
  spec: ProbeSpec;
  eventType: ProbeEventType;
  /** Stable across instances and runs: the scheduler's lease name. */
  key: string;
};

export type ProbeTargetProblem = { widget: Pick<Widget, "slug" | "name">; problem: string };

/**
 * The probe targets among some widgets: endpoints with a `probe` and services
 * with a `health` URL. A declaration that does not parse is returned as a
 * problem, never probed with guessed values.
 */
export function probeTargets(widgets: Widget[]): {
  targets: ProbeTarget[];
  problems: ProbeTargetProblem[];
} {
  const targets: ProbeTarget[] = [];
  const problems: ProbeTargetProblem[] = [];
  for (const widget of widgets) {
    const declared = declarationOf(widget);
    if (!declared) continue;
    if ("problem" in declared) {
      problems.push({ widget, problem: declared.problem });
      continue;
    }
    const { id, hubId, slug, name, type } = widget;
    targets.push({
      widget: { id, hubId, slug, name, type },
      ...declared,
      key: `${widget.id}:${declared.eventType}`,
    });
  }
  return { targets, problems };
}

function declarationOf(
  widget: Widget,
): { eventType: ProbeEventType; spec: ProbeSpec; url: string } | { problem: string } | undefined {
  if (widget.type === "ops-endpoint" && widget.metadata.probe !== undefined) {
    const spec = probeSpecSchema.safeParse(widget.metadata.probe);
    if (!spec.success) return { problem: firstIssue("probe", spec.error) };
    const url = probeUrlSchema.safeParse(widget.metadata.url);
    if (!url.success) return { problem: firstIssue("url", url.error) };
    return { eventType: PROBE_EVENT_TYPES.endpoint, spec: spec.data, url: url.data };
  }
  if (widget.type === "ops-service" && widget.metadata.health !== undefined) {
    const health = healthSpecSchema.safeParse(widget.metadata.health);
    if (!health.success) return { problem: firstIssue("health", health.error) };
    const { url, ...spec } = health.data;
    return { eventType: PROBE_EVENT_TYPES.health, spec, url };
  }
  return undefined;
}

function firstIssue(field: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${[field, ...(issue?.path ?? [])].join(".")}: ${issue?.message ?? "invalid"}`;
}

/** What one probe request saw (lib/probes/engine.ts makes it; judging reads it). */
export type ProbeErrorKind =
  | "timeout"
  | "refused"
  | "dns"
  | "tls"
  | "connection"
  /** Not an http(s) URL. */
  | "url"
  /** An address probes may not reach (see lib/probes/address-guard.ts). */
  | "denied";

export type Observation = {
  url: string;
  startedAt: Date;
  /** Until the status line and headers arrived, or until the failure. */
  latencyMs: number;
  status?: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The first 64 KiB of the body, when the spec matches on it. */
  body?: string;
  tls?: { validTo: string; daysLeft: number };
  error?: { kind: ProbeErrorKind; message: string };
};
