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

const status = z.number().int().min(100).max(599);

export const probeSpecSchema = z.object({
  method: z.enum(["GET", "HEAD"]).default("GET"),
  /** One status or several acceptable ones. */
  expectedStatus: z.union([status, z.array(status).min(1)]).default(200),
  /** Header name (any case) → exact value. */
  expectedHeaders: z.record(z.string().min(1), z.string()).default({}),
  /** The body (its first 64 KiB) contains this text. */
  bodyContains: z.string().min(1).optional(),
  /** The body (its first 64 KiB) matches this regular expression. */
  bodyMatches: z.string().min(1).refine(isRegExp, "must be a valid regular expression").optional(),
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
export const healthSpecSchema = probeSpecSchema.extend({ url: z.url() });

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

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
    const url = z.url().safeParse(widget.metadata.url);
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
export type ProbeErrorKind = "timeout" | "refused" | "dns" | "tls" | "connection";

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
