import type { Outcome } from "./evidence";
import {
  bodyMatchesPattern,
  type ProbeSpec,
  type ProbeTarget,
  type Observation,
} from "./probe-spec";

/**
 * What an observation means against what the item declares (pure), and the
 * evidence events that record it. Every unmet expectation is named, so "why
 * is this red?" reads off the event.
 */
export type Verdict = { outcome: Outcome; failures: string[] };

/** Who or what observed: always recorded with the evidence. */
export type ProbeObserver = {
  kind: "probe";
  /** Shown wherever the evidence is: e.g. "ops-hub probe (scheduler on web-1)". */
  name: string;
  via: "cli" | "scheduler" | "item-page";
  host: string;
  /** The signed-in user who asked for it, from the session. */
  user?: { id: string; name: string };
};

/**
 * Headers that carry a session or a credential. A probe compares them when
 * `expectedHeaders` names them, but their values never leave this module:
 * not in a failure message, not in the recorded evidence (which records that
 * the header was present, and nothing more).
 */
const SECRET_HEADERS = new Set(["set-cookie", "cookie", "authorization", "proxy-authorization"]);
export const SECRET_HEADER_PRESENT = "(present; value not recorded)";

export function judge(spec: ProbeSpec, observation: Observation): Verdict {
  if (observation.error) return { outcome: "fail", failures: [observation.error.message] };
  const failures: string[] = [];
  const expected = [spec.expectedStatus].flat();
  if (observation.status === undefined || !expected.includes(observation.status))
    failures.push(`status ${observation.status ?? "none"}, expected ${expected.join(" or ")}`);
  for (const [name, value] of Object.entries(spec.expectedHeaders)) {
    const observed = observation.headers[name.toLowerCase()];
    if (observed === undefined) failures.push(`header ${name} missing (expected "${value}")`);
    else if (observed.trim() !== value.trim())
      failures.push(
        SECRET_HEADERS.has(name.toLowerCase())
          ? `header ${name} has another value than expected (its value is not recorded)`
          : `header ${name} is "${observed}" (expected "${value}")`,
      );
  }
  if (spec.bodyContains && !(observation.body ?? "").includes(spec.bodyContains))
    failures.push(`body does not contain "${spec.bodyContains}"`);
  if (spec.bodyMatches && !bodyMatchesPattern(spec.bodyMatches, observation.body ?? ""))
    failures.push(`body does not match /${spec.bodyMatches}/`);
  if (spec.minTlsDaysLeft !== undefined) {
    if (!observation.tls) failures.push("no TLS certificate to check");
    else if (observation.tls.daysLeft < spec.minTlsDaysLeft)
      failures.push(
        `TLS certificate expires in ${observation.tls.daysLeft} days (at least ${spec.minTlsDaysLeft} wanted)`,
      );
  }
  if (spec.maxLatencyMs !== undefined && observation.latencyMs > spec.maxLatencyMs)
    failures.push(`answered in ${observation.latencyMs} ms (limit ${spec.maxLatencyMs} ms)`);
  return { outcome: failures.length === 0 ? "pass" : "fail", failures };
}

/** Headers worth keeping as evidence: the expected ones and a few harmless ones; never a secret's value. */
const KEPT_HEADERS = ["content-type", "server", "location"];

export function probeEventMetadata(
  target: ProbeTarget,
  observation: Observation,
  verdict: Verdict,
  observer: ProbeObserver,
): Record<string, unknown> {
  const { spec } = target;
  const keep = new Set([
    ...Object.keys(spec.expectedHeaders).map((name) => name.toLowerCase()),
    ...KEPT_HEADERS,
  ]);
  const observedHeaders = Object.fromEntries(
    Object.entries(observation.headers)
      .filter(([name]) => keep.has(name))
      .map(([name, value]) => [name, SECRET_HEADERS.has(name) ? SECRET_HEADER_PRESENT : value]),
  );
  return {
    outcome: verdict.outcome,
    // `endpoint` and `expectedStatus` as in the workplan's T07 event.
    endpoint: target.url,
    method: spec.method,
    expectedStatus: spec.expectedStatus,
    ...(Object.keys(spec.expectedHeaders).length > 0
      ? { expectedHeaders: spec.expectedHeaders }
      : {}),
    observedStatus: observation.status ?? null,
    observedHeaders,
    latencyMs: observation.latencyMs,
    tlsExpiresAt: observation.tls?.validTo ?? null,
    tlsDaysLeft: observation.tls?.daysLeft ?? null,
    failures: verdict.failures,
    ...(observation.error ? { error: observation.error.kind } : {}),
    observer,
    observedAt: observation.startedAt.toISOString(),
  };
}

/** A change from pass to fail. It carries no `outcome`: it is news, not evidence of health. */
export function driftMetadata(
  target: ProbeTarget,
  previous: { id: string; observedAt: string },
  current: { id: string; metadata: Record<string, unknown> },
  observer: ProbeObserver,
): Record<string, unknown> {
  return {
    drift: "pass-to-fail",
    signal: target.eventType,
    endpoint: target.url,
    previousEventId: previous.id,
    previousObservedAt: previous.observedAt,
    eventId: current.id,
    failures: current.metadata.failures,
    observer,
    observedAt: current.metadata.observedAt,
  };
}
