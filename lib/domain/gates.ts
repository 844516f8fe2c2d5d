import { z } from "zod";
import { groupBy } from "./group-by";
import type { Annotation, InteractionEvent, Widget } from "./types";
import { openAnnotations } from "./annotations";
import { observedMs, outcomeOf } from "./evidence";
import type { CatalogIndex } from "./relations";
import { daysLeft, isActive, type Acceptance } from "./risks";
import { DAY_MS } from "./time";

/**
 * Readiness gates: a declarative rule on each gate widget, and a status that
 * is a pure function of (widgets, events, annotations, acceptances, now) —
 * derived from evidence, never typed in.
 */
const selectorSchema = z
  .object({
    widgetType: z.string().optional(),
    /** An environment slug, or `$source` / `$target`: the wave's environments. */
    environment: z.string().optional(),
    slugs: z.array(z.string()).optional(),
    metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

const requirementSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("evidence"),
      label: z.string().optional(),
      eventType: z.string().min(1),
      selector: selectorSchema,
      /** Evidence may sit on items pointing at the selected ones through this field (a backup set `protects` a data store). */
      via: z.string().optional(),
      maxAgeDays: z.number().positive().max(3650),
    })
    .strict(),
  z
    .object({
      kind: z.literal("exists"),
      label: z.string().optional(),
      selector: selectorSchema,
      covers: z.object({ field: z.string().min(1), values: z.array(z.string()).min(1) }).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("manual"),
      label: z.string().optional(),
      maxAgeDays: z.number().positive().max(3650),
    })
    .strict(),
]);

export const gateRuleSchema = z
  .object({ requirements: z.array(requirementSchema).min(1) })
  .strict();
export type GateRule = z.infer<typeof gateRuleSchema>;
export type Requirement = z.infer<typeof requirementSchema>;

export const VERDICT_EVENTS = {
  pass: "ops-migration-gate-passed",
  fail: "ops-migration-gate-failed",
  defer: "ops-readiness-gate-updated",
} as const;
export const BLOCKER_CATEGORY = "ops-readiness-blocker";

export type GateStatus = "blocked" | "passed" | "stale" | "failing" | "unknown" | "risk-accepted";
type Check = "holds" | "stale" | "fails" | "unknown";

export type RequirementResult = {
  requirement: Requirement;
  label: string;
  check: Check;
  detail: string;
  /** The events that decided it, newest first. */
  evidence: InteractionEvent[];
};

export type GateEvaluation = {
  gate: Widget;
  order: number;
  ownerRepo?: string;
  evidenceRequirement?: string;
  status: GateStatus;
  /** The status evidence alone gives, before blockers and acceptances. */
  evidenceStatus: Exclude<GateStatus, "blocked" | "risk-accepted">;
  ruleProblem?: string;
  requirements: RequirementResult[];
  blockers: Annotation[];
  acceptances: Acceptance[];
  verdict?: { event: InteractionEvent; verdict: "pass" | "fail" | "defer" };
  /** A reviewer's verdict that disagrees with the evidence. */
  drift?: string;
  /** The newest evidence behind the status. */
  newest?: Date;
};

/** What the board knows at one instant. Events must be the latest per widget and type as of `now` (plus all verdicts on gates). */
export type BoardInput = {
  index: CatalogIndex;
  /**
   * A list, or a model's own map of each widget's latest events (one per
   * type): read where it stands, so a board per change costs its gates, not
   * a pass over every item's evidence.
   */
  latestEvents: InteractionEvent[] | ReadonlyMap<string, InteractionEvent[]>;
  annotations: Annotation[];
  acceptances: Acceptance[];
  now: Date;
};

export function gatesOf(index: CatalogIndex, wave: Widget): Widget[] {
  return index.widgets
    .filter((w) => w.type === "ops-readiness-gate" && w.metadata.wave === wave.slug)
    .sort(
      (a, b) =>
        Number(a.metadata.order ?? 999) - Number(b.metadata.order ?? 999) ||
        a.name.localeCompare(b.name),
    );
}

/** Keyed by the index's list of items, which is a new array after every change (the index itself lives on). */
const byTypeCache = new WeakMap<Widget[], Map<string, Widget[]>>();

function widgetsByType(index: CatalogIndex): Map<string, Widget[]> {
  const widgets = index.widgets;
  let byType = byTypeCache.get(widgets);
  if (!byType) {
    // Appended in place: copying a type's list for each widget was quadratic garbage.
    byType = groupBy(widgets, (widget) => widget.type);
    byTypeCache.set(widgets, byType);
  }
  return byType;
}

/**
 * What a selector picks, per list of items (a new array after every item
 * change): the gates of a wave share selectors, and most new models (an
 * event, the clock) keep the items, so at 100,000 items the board stops
 * filtering the hub once per gate and model.
 */
const selections = new WeakMap<Widget[], Map<string, Widget[]>>();

function select(
  index: CatalogIndex,
  wave: Widget,
  selector: z.infer<typeof selectorSchema>,
): Widget[] {
  let cache = selections.get(index.widgets);
  if (!cache) selections.set(index.widgets, (cache = new Map()));
  const key = `${wave.id}\n${JSON.stringify(selector)}`;
  let selected = cache.get(key);
  if (!selected) cache.set(key, (selected = selectNow(index, wave, selector)));
  return selected;
}

function selectNow(
  index: CatalogIndex,
  wave: Widget,
  selector: z.infer<typeof selectorSchema>,
): Widget[] {
  const environment =
    selector.environment === "$target"
      ? String(wave.metadata.toEnvironment ?? "")
      : selector.environment === "$source"
        ? String(wave.metadata.fromEnvironment ?? "")
        : selector.environment;
  const candidates = selector.widgetType
    ? (widgetsByType(index).get(selector.widgetType) ?? [])
    : index.widgets;
  const metadata = Object.entries(selector.metadata ?? {});
  return candidates.filter(
    (w) =>
      (!selector.slugs || selector.slugs.includes(w.slug)) &&
      (!environment || index.environmentOf(w)?.slug === environment) &&
      metadata.every(([key, value]) => w.metadata[key] === value),
  );
}

function describe(requirement: Requirement): string {
  if (requirement.label) return requirement.label;
  if (requirement.kind === "evidence")
    return `${requirement.eventType} within ${requirement.maxAgeDays} days`;
  if (requirement.kind === "exists") return "the selected items exist";
  return `a reviewer's verdict within ${requirement.maxAgeDays} days`;
}

function ageDays(event: InteractionEvent, now: Date): number {
  return (now.getTime() - observedMs(event)) / DAY_MS;
}

function evaluateRequirement(
  requirement: Requirement,
  gate: Widget,
  wave: Widget,
  input: BoardInput,
  latest: (widget: Widget, type: string) => InteractionEvent | undefined,
  verdict: GateEvaluation["verdict"],
): RequirementResult {
  const label = describe(requirement);
  const result = (check: Check, detail: string, evidence: InteractionEvent[] = []) => ({
    requirement,
    label,
    check,
    detail,
    evidence,
  });

  if (requirement.kind === "manual") {
    if (!verdict || verdict.verdict === "defer")
      return result("unknown", "no reviewer verdict yet", verdict ? [verdict.event] : []);
    if (verdict.verdict === "fail")
      return result("fails", "the reviewer's latest verdict is fail", [verdict.event]);
    return ageDays(verdict.event, input.now) > requirement.maxAgeDays
      ? result("stale", `the reviewer's pass is older than ${requirement.maxAgeDays} days`, [
          verdict.event,
        ])
      : result("holds", "the reviewer's latest verdict is pass", [verdict.event]);
  }

  const selected = select(input.index, wave, requirement.selector);
  if (requirement.kind === "exists") {
    if (selected.length === 0) return result("fails", "no such item is catalogued");
    if (!requirement.covers) return result("holds", `${selected.length} catalogued`);
    const covered = new Set(
      selected.flatMap((w) =>
        Array.isArray(w.metadata[requirement.covers!.field])
          ? (w.metadata[requirement.covers!.field] as unknown[])
          : [],
      ),
    );
    const missing = requirement.covers.values.filter((value) => !covered.has(value));
    return missing.length === 0
      ? result("holds", `covered by ${selected.length} items`)
      : result("fails", `not covered: ${missing.join(", ")}`);
  }

  if (selected.length === 0)
    return result("fails", "nothing to check: no item matches the selector");
  const perItem = selected.map((widget) => {
    const carriers = requirement.via
      ? input.index
          .backlinksOf(widget)
          .filter((b) => b.field === requirement.via)
          .map((b) => b.from)
      : [widget];
    const events = carriers
      .map((carrier) => latest(carrier, requirement.eventType))
      .filter((e): e is InteractionEvent => !!e);
    const newest = events.sort((a, b) => observedMs(b) - observedMs(a))[0];
    return { widget, event: newest, carriers };
  });
  const evidence = perItem.map((item) => item.event).filter((e): e is InteractionEvent => !!e);
  const missing = perItem.filter((item) => !item.event);
  const failed = perItem.filter((item) => item.event && outcomeOf(item.event) !== "pass");
  const stale = perItem.filter(
    (item) =>
      item.event &&
      outcomeOf(item.event) === "pass" &&
      ageDays(item.event, input.now) > requirement.maxAgeDays,
  );
  // A rule over thousands of items names a few and counts the rest.
  const names = (items: typeof perItem) =>
    items.length <= 5
      ? items.map((item) => item.widget.name).join(", ")
      : `${items
          .slice(0, 5)
          .map((item) => item.widget.name)
          .join(", ")} and ${items.length - 5} more`;
  if (failed.length > 0)
    return result("fails", `latest evidence failed: ${names(failed)}`, evidence);
  if (missing.length === selected.length)
    return result("unknown", `no evidence yet for ${names(missing)}`, evidence);
  if (missing.length > 0) return result("fails", `no evidence for ${names(missing)}`, evidence);
  if (stale.length > 0)
    return result("stale", `older than ${requirement.maxAgeDays} days: ${names(stale)}`, evidence);
  return result("holds", `fresh for all ${selected.length}`, evidence);
}

function combine(checks: Check[]): GateEvaluation["evidenceStatus"] {
  if (checks.every((c) => c === "holds")) return "passed";
  if (checks.every((c) => c === "holds" || c === "stale")) return "stale";
  if (checks.every((c) => c === "unknown")) return "unknown";
  return "failing";
}

const sharedResultCaches = new WeakMap<BoardInput, Map<string, RequirementResult>>();

function sharedResults(input: BoardInput): Map<string, RequirementResult> {
  let cache = sharedResultCaches.get(input);
  if (!cache) sharedResultCaches.set(input, (cache = new Map()));
  return cache;
}

type LatestOf = (widget: Widget, type: string) => InteractionEvent | undefined;
const latestLookups = new WeakMap<object, LatestOf>();

/** The latest event of a widget and type: from a list, indexed once however many gates read it. */
function latestLookup(events: BoardInput["latestEvents"]): LatestOf {
  let lookup = latestLookups.get(events);
  if (lookup) return lookup;
  if (Array.isArray(events)) {
    const index = new Map<string, InteractionEvent>();
    for (const event of events) {
      const key = `${event.widgetId}\n${event.type}`;
      const seen = index.get(key);
      if (!seen || event.createdAt > seen.createdAt) index.set(key, event);
    }
    lookup = (widget, type) => index.get(`${widget.id}\n${type}`);
  } else {
    const byWidget = events as ReadonlyMap<string, InteractionEvent[]>;
    lookup = (widget, type) => byWidget.get(widget.id)?.find((event) => event.type === type);
  }
  latestLookups.set(events, lookup);
  return lookup;
}

export function evaluateGate(gate: Widget, wave: Widget, input: BoardInput): GateEvaluation {
  const latest = latestLookup(input.latestEvents);

  const verdictEvents = (Object.entries(VERDICT_EVENTS) as ["pass" | "fail" | "defer", string][])
    .map(([verdict, type]) => ({ verdict, event: latest(gate, type) }))
    .filter((v): v is { verdict: "pass" | "fail" | "defer"; event: InteractionEvent } => !!v.event)
    .sort((a, b) => b.event.createdAt.localeCompare(a.event.createdAt));
  const verdict = verdictEvents[0];

  const parsed = gateRuleSchema.safeParse(gate.metadata.rule);
  const blockers = openAnnotations(
    input.annotations.filter((a) => Date.parse(a.createdAt) <= input.now.getTime()),
  ).filter((a) => a.widgetId === gate.id && a.category === BLOCKER_CATEGORY);
  const acceptances = input.acceptances.filter(
    (a) => a.covers.includes(gate.slug) && isActive(a, input.now),
  );
  const base = {
    gate,
    order: Number(gate.metadata.order ?? 999),
    ownerRepo: typeof gate.metadata.ownerRepo === "string" ? gate.metadata.ownerRepo : undefined,
    evidenceRequirement:
      typeof gate.metadata.evidenceRequirement === "string"
        ? gate.metadata.evidenceRequirement
        : undefined,
    blockers,
    acceptances,
    verdict,
  };

  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const problem = `rule invalid: ${issue.path.join(".") || "rule"}: ${issue.message}`;
    return withOverlays({
      ...base,
      status: "unknown",
      evidenceStatus: "unknown",
      ruleProblem: problem,
      requirements: [],
    });
  }
  // Gates of a wave often share a requirement (every public endpoint verified):
  // one that reads no verdict has one answer per wave, worked out once.
  const shared = sharedResults(input);
  const requirements = parsed.data.requirements.map((r) => {
    if (r.kind === "manual") return evaluateRequirement(r, gate, wave, input, latest, verdict);
    const key = `${wave.id}\n${JSON.stringify(r)}`;
    let result = shared.get(key);
    if (!result)
      shared.set(key, (result = evaluateRequirement(r, gate, wave, input, latest, verdict)));
    return result;
  });
  const evidenceStatus = combine(requirements.map((r) => r.check));
  const automatic = requirements.filter((r) => r.requirement.kind !== "manual");
  const evidenceOnly = automatic.length > 0 ? combine(automatic.map((r) => r.check)) : undefined;
  let drift: string | undefined;
  if (verdict && evidenceOnly) {
    if (verdict.verdict === "pass" && (evidenceOnly === "failing" || evidenceOnly === "unknown")) {
      drift = `the reviewer passed it, but the evidence says ${evidenceOnly}`;
    } else if (verdict.verdict === "fail" && evidenceOnly === "passed") {
      drift = "the reviewer failed it, but the evidence passes";
    }
  }
  let newest = -Infinity;
  for (const r of requirements)
    for (const e of r.evidence) newest = Math.max(newest, observedMs(e));
  return withOverlays({
    ...base,
    status: evidenceStatus,
    evidenceStatus,
    requirements,
    drift,
    newest: newest > -Infinity ? new Date(newest) : undefined,
  });
}

/** Blocked first; then an active acceptance turns failing, stale or unknown into risk-accepted. */
function withOverlays(evaluation: GateEvaluation): GateEvaluation {
  if (evaluation.blockers.length > 0) return { ...evaluation, status: "blocked" };
  if (evaluation.status !== "passed" && evaluation.acceptances.length > 0)
    return { ...evaluation, status: "risk-accepted" };
  return evaluation;
}

export type WaveEvaluation = {
  wave: Widget;
  gates: GateEvaluation[];
  go: boolean;
  /** What holds the wave: gates neither passed nor risk-accepted. */
  holding: GateEvaluation[];
  acceptances: Acceptance[];
  expiringSoon: Acceptance[];
  now: Date;
};

export const EXPIRING_SOON_DAYS = 14;

export function evaluateWave(wave: Widget, input: BoardInput): WaveEvaluation {
  const gates = gatesOf(input.index, wave).map((gate) => evaluateGate(gate, wave, input));
  const holding = gates.filter((g) => g.status !== "passed" && g.status !== "risk-accepted");
  const gateSlugs = new Set(gates.map((g) => g.gate.slug));
  const acceptances = input.acceptances.filter(
    (a) => isActive(a, input.now) && a.covers.some((slug) => gateSlugs.has(slug)),
  );
  return {
    wave,
    gates,
    go: gates.length > 0 && holding.length === 0,
    holding,
    acceptances,
    expiringSoon: acceptances.filter((a) => daysLeft(a, input.now) <= EXPIRING_SOON_DAYS),
    now: input.now,
  };
}

export type BoardChange = { gate: Widget; from: GateStatus; to: GateStatus };

/** Gates whose status differs between two evaluations of the same wave. */
export function statusChanges(before: WaveEvaluation, after: WaveEvaluation): BoardChange[] {
  const previous = new Map(before.gates.map((g) => [g.gate.id, g.status]));
  return after.gates
    .filter((g) => previous.has(g.gate.id) && previous.get(g.gate.id) !== g.status)
    .map((g) => ({ gate: g.gate, from: previous.get(g.gate.id)!, to: g.status }));
}
