import type { InteractionEvent } from "./types";
import type { CatalogIndex } from "./relations";
import { observedAt, observedMs, observerOf, outcomeOf } from "./evidence";
import type { GateStatus, WaveEvaluation } from "./gates";
import { daysLeft, type Acceptance } from "./risks";

/**
 * A wave's board as plain JSON: what the present mode polls and what the
 * board export writes. Pure: a function of the evaluation.
 */
export type EvidenceView = {
  id: string;
  type: string;
  itemSlug?: string;
  itemName?: string;
  at: string;
  outcome?: "pass" | "fail";
  observer?: string;
};

export type AcceptanceView = {
  id: string;
  risk?: string;
  covers: string[];
  /** What it covers, by name (a deleted item keeps its slug). */
  coverNames: string[];
  justification: string;
  policyScope: string;
  acceptedBy: string;
  expiresAt: string;
  daysLeft: number;
};

export type GateView = {
  slug: string;
  name: string;
  order: number;
  ownerRepo?: string;
  evidenceRequirement?: string;
  status: GateStatus;
  evidenceStatus: GateStatus;
  newest?: string;
  drift?: string;
  ruleProblem?: string;
  verdict?: { verdict: "pass" | "fail" | "defer"; at: string; reviewer?: string; note?: string };
  blockers: { id: string; body: string; at: string }[];
  acceptances: AcceptanceView[];
  requirements: {
    label: string;
    check: "holds" | "stale" | "fails" | "unknown";
    detail: string;
    /** The deciding evidence: failed first, then the oldest; at most a few. */
    evidence: EvidenceView[];
    /** How many more pieces of evidence stand behind it. */
    moreEvidence: number;
  }[];
};

export type BoardView = {
  wave: { slug: string; name: string; from?: string; to?: string };
  now: string;
  asOf?: string;
  go: boolean;
  holding: string[];
  gates: GateView[];
  acceptances: AcceptanceView[];
  expiringSoon: AcceptanceView[];
};

/** A rule over thousands of items shows the few that decide it, and counts the rest. */
const EVIDENCE_SHOWN = 8;

/** The events that decide a rule, failed first, then the oldest: the first `count`, without sorting the thousands a rule may read. */
function decidingFirst(events: InteractionEvent[], count: number): InteractionEvent[] {
  const first: { event: InteractionEvent; failed: boolean; at: number }[] = [];
  const before = (a: (typeof first)[number], b: (typeof first)[number]) =>
    a.failed !== b.failed ? a.failed : a.at < b.at;
  for (const event of events) {
    const entry = { event, failed: outcomeOf(event) !== "pass", at: observedMs(event) };
    if (first.length === count && !before(entry, first[count - 1]!)) continue;
    let at = Math.min(first.length, count - 1);
    while (at > 0 && before(entry, first[at - 1]!)) at--;
    first.splice(at, 0, entry);
    if (first.length > count) first.pop();
  }
  return first.map(({ event }) => event);
}

/** Views of boards already shaped: a board now is shared until its snapshot changes (board.ts). */
const views = new WeakMap<WaveEvaluation, WeakMap<CatalogIndex, BoardView>>();

export function toBoardView(
  board: WaveEvaluation & { asOf?: Date },
  index: CatalogIndex,
): BoardView {
  let byIndex = views.get(board);
  if (!byIndex) views.set(board, (byIndex = new WeakMap()));
  let view = byIndex.get(index);
  if (!view) byIndex.set(index, (view = shapeBoardView(board, index)));
  return view;
}

function shapeBoardView(board: WaveEvaluation & { asOf?: Date }, index: CatalogIndex): BoardView {
  const acceptanceView = (a: Acceptance): AcceptanceView => ({
    id: a.event.id,
    risk: a.risk?.name,
    covers: a.covers,
    coverNames: a.covers.map((slug) => index.bySlug.get(slug)?.name ?? slug),
    justification: a.justification,
    policyScope: a.policyScope,
    acceptedBy: a.acceptedBy.name,
    expiresAt: a.expiresAt.toISOString(),
    daysLeft: daysLeft(a, board.now),
  });
  const name = (slug: unknown) =>
    typeof slug === "string" ? (index.bySlug.get(slug)?.name ?? slug) : undefined;
  return {
    wave: {
      slug: board.wave.slug,
      name: board.wave.name,
      from: name(board.wave.metadata.fromEnvironment),
      to: name(board.wave.metadata.toEnvironment),
    },
    now: board.now.toISOString(),
    asOf: board.asOf?.toISOString(),
    go: board.go,
    holding: board.holding.map((g) => g.gate.slug),
    gates: board.gates.map((g) => ({
      slug: g.gate.slug,
      name: g.gate.name,
      order: g.order,
      ownerRepo: g.ownerRepo,
      evidenceRequirement: g.evidenceRequirement,
      status: g.status,
      evidenceStatus: g.evidenceStatus,
      newest: g.newest?.toISOString(),
      drift: g.drift,
      ruleProblem: g.ruleProblem,
      verdict: g.verdict
        ? {
            verdict: g.verdict.verdict,
            at: g.verdict.event.createdAt,
            reviewer: observerOf(g.verdict.event),
            note:
              typeof g.verdict.event.metadata.note === "string"
                ? g.verdict.event.metadata.note
                : undefined,
          }
        : undefined,
      blockers: g.blockers.map((b) => ({ id: b.id, body: b.body, at: b.createdAt })),
      acceptances: g.acceptances.map(acceptanceView),
      requirements: g.requirements.map((r) => ({
        label: r.label,
        check: r.check,
        detail: r.detail,
        evidence: decidingFirst(r.evidence, EVIDENCE_SHOWN).map((e) => {
          const item = index.byId.get(e.widgetId);
          return {
            id: e.id,
            type: e.type,
            itemSlug: item?.slug,
            itemName: item?.name,
            at: observedAt(e).toISOString(),
            outcome: outcomeOf(e),
            observer: observerOf(e),
          };
        }),
        moreEvidence: Math.max(0, r.evidence.length - EVIDENCE_SHOWN),
      })),
    })),
    acceptances: board.acceptances.map(acceptanceView),
    expiringSoon: board.expiringSoon.map(acceptanceView),
  };
}
