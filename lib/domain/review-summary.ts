import type { BoardDiff } from "./waves";
import type { BoardView, GateView } from "./board-view";
import { observedAt, observerOf, outcomeOf } from "./evidence";
import type { GateStatus } from "./gates";
import type { CatalogIndex } from "./relations";
import type { Acceptance } from "./risks";
import { utcMinute } from "./time";

/**
 * The summary a migration review ends with, as Markdown to paste into the
 * workplan: verdicts, disagreements with the evidence, what changed since the
 * previous review, open blockers and expiring acceptances. Pure: a function of
 * the board, the review's verdicts and the diff since the last review.
 */
export type Verdict = "pass" | "fail" | "defer";

export type ReviewVerdict = {
  gateSlug: string;
  verdict: Verdict;
  note: string;
  reviewer: { id: string; name: string };
  /** When it was recorded (ISO). */
  at: string;
};

type AcceptanceLine = { risk?: string; covers: string[]; expiresAt: string; acceptedBy: string };

export type SinceLastReview = {
  /** When the previous review ended (ISO). */
  since: string;
  changes: { gate: string; from: GateStatus; to: GateStatus }[];
  newEvidence: {
    type: string;
    item: string;
    at: string;
    outcome?: "pass" | "fail";
    observer?: string;
  }[];
  newAcceptances: AcceptanceLine[];
  expiredAcceptances: AcceptanceLine[];
};

export type ReviewSummaryInput = {
  board: BoardView;
  review: { id: string; startedAt: string; startedBy: string; endedAt: string; endedBy: string };
  verdicts: ReviewVerdict[];
  /** Undefined for the first review of a wave. */
  since?: SinceLastReview;
};

const STATUS_TEXT: Record<GateStatus, string> = {
  passed: "✓ passed",
  "risk-accepted": "⚑ risk accepted",
  stale: "◷ stale",
  failing: "✕ failing",
  blocked: "⛔ blocked",
  unknown: "? unknown",
};
const VERDICT_TEXT: Record<Verdict, string> = {
  pass: "✓ pass",
  fail: "✕ fail",
  defer: "↷ defer",
};
const MAX_EVIDENCE_LINES = 25;

/** A table cell or list item on one line, with no stray table separators. */
function inline(text: string): string {
  return text
    .replace(/\r?\n+/g, " ")
    .replace(/\|/g, "\\|")
    .trim();
}

/** The latest verdict per gate. */
export function latestVerdicts(verdicts: ReviewVerdict[]): Map<string, ReviewVerdict> {
  const latest = new Map<string, ReviewVerdict>();
  for (const verdict of verdicts) {
    const seen = latest.get(verdict.gateSlug);
    if (!seen || verdict.at >= seen.at) latest.set(verdict.gateSlug, verdict);
  }
  return latest;
}

export function buildReviewSummary(input: ReviewSummaryInput): string {
  const { board, review } = input;
  const gates = [...board.gates].sort((a, b) => a.order - b.order);
  const gateName = (slug: string) => board.gates.find((g) => g.slug === slug)?.name ?? slug;
  const verdicts = latestVerdicts(input.verdicts);
  const lines: string[] = [];

  lines.push(`## Migration review: ${inline(board.wave.name)}`, "");
  lines.push(
    `- Review \`${review.id}\`: started ${utcMinute(review.startedAt)} by ${inline(review.startedBy)}, ended ${utcMinute(review.endedAt)} by ${inline(review.endedBy)}`,
  );
  if (board.go) lines.push("- Wave: **✓ GO**: every gate is passed or risk-accepted");
  else {
    lines.push(`- Wave: **✕ NO-GO**, held by ${board.holding.length} of ${gates.length} gates:`);
    for (const gate of gates.filter((g) => board.holding.includes(g.slug)))
      lines.push(`  - ${inline(gate.name)} (${STATUS_TEXT[gate.status]})`);
  }
  lines.push(`- Board as of ${utcMinute(board.asOf ?? board.now)}`, "");

  lines.push("### Verdicts", "");
  lines.push("| # | Gate | Status | Verdict | Reviewer | Note |", "|---|---|---|---|---|---|");
  gates.forEach((gate, i) => {
    const verdict = verdicts.get(gate.slug);
    lines.push(
      `| ${i + 1} | ${inline(gate.name)} | ${STATUS_TEXT[gate.status]} | ${
        verdict ? VERDICT_TEXT[verdict.verdict] : "not reviewed"
      } | ${verdict ? inline(verdict.reviewer.name) : ""} | ${verdict ? inline(verdict.note) : ""} |`,
    );
  });
  const reviewed = gates.filter((g) => verdicts.has(g.slug)).length;
  lines.push("", `${reviewed} of ${gates.length} gates reviewed.`, "");

  lines.push("### Disagreements with the evidence", "");
  const disagreements = gates.flatMap((gate) => disagreement(gate, verdicts.get(gate.slug)));
  lines.push(
    ...(disagreements.length > 0
      ? disagreements
      : ["None: every verdict agrees with the evidence."]),
    "",
  );

  lines.push(...sinceSection(input.since, gateName), "");

  lines.push("### Open blockers", "");
  const blockers = gates.flatMap((gate) =>
    gate.blockers.map(
      (b) => `- **${inline(gate.name)}**: ${inline(b.body)} (since ${utcMinute(b.at)})`,
    ),
  );
  lines.push(...(blockers.length > 0 ? blockers : ["None."]), "");

  lines.push("### Acceptances expiring within 14 days", "");
  const expiring = board.expiringSoon.map(
    (a) =>
      `- **${inline(a.risk ?? "Risk")}** covering ${a.covers.map((slug) => inline(gateName(slug))).join(", ")}: expires ${utcMinute(a.expiresAt)} (${countdown(a.daysLeft)}), accepted by ${inline(a.acceptedBy)}, scope \`${a.policyScope}\``,
  );
  lines.push(...(expiring.length > 0 ? expiring : ["None."]));

  return `${lines.join("\n").trimEnd()}\n`;
}

function countdown(daysLeft: number): string {
  if (daysLeft <= 0) return "expires today";
  return daysLeft === 1 ? "1 day left" : `${daysLeft} days left`;
}

/** A reviewer's verdict that the evidence contradicts, as a list line (or none). */
function disagreement(gate: GateView, reviewVerdict: ReviewVerdict | undefined): string[] {
  // The board's drift compares the gate's latest verdict with its evidence.
  if (gate.drift && gate.verdict) {
    const fromThisReview = reviewVerdict && reviewVerdict.at === gate.verdict.at;
    const who = gate.verdict.reviewer ?? "a reviewer";
    const when = fromThisReview
      ? `verdict by ${who} in this review`
      : `verdict by ${who}, ${utcMinute(gate.verdict.at)}`;
    return [`- **${inline(gate.name)}**: ${inline(gate.drift)} (${inline(when)})`];
  }
  // A verdict of this review that a later one replaced still deserves a word when it disagrees.
  if (!reviewVerdict || reviewVerdict.verdict === "defer") return [];
  const evidence = gate.evidenceStatus;
  if (reviewVerdict.verdict === "pass" && (evidence === "failing" || evidence === "unknown"))
    return [
      `- **${inline(gate.name)}**: ${inline(reviewVerdict.reviewer.name)} passed it, but the evidence says ${evidence}`,
    ];
  if (reviewVerdict.verdict === "fail" && evidence === "passed")
    return [
      `- **${inline(gate.name)}**: ${inline(reviewVerdict.reviewer.name)} failed it, but the evidence passes`,
    ];
  return [];
}

function sinceSection(
  since: SinceLastReview | undefined,
  gateName: (slug: string) => string,
): string[] {
  if (!since)
    return [
      "### Since the last review",
      "",
      "This is the first review of this wave: nothing to compare with.",
    ];
  const lines = [`### Since the last review (ended ${utcMinute(since.since)})`, ""];
  const acceptance = (a: AcceptanceLine) =>
    `- ${inline(a.risk ?? "Risk")} covering ${a.covers.map((slug) => inline(gateName(slug))).join(", ")}, until ${utcMinute(a.expiresAt)}, accepted by ${inline(a.acceptedBy)}`;
  if (since.changes.length > 0) {
    lines.push("Status changes:", "");
    for (const change of since.changes)
      lines.push(
        `- ${inline(change.gate)}: ${STATUS_TEXT[change.from]} → ${STATUS_TEXT[change.to]}`,
      );
    lines.push("");
  }
  if (since.newEvidence.length > 0) {
    const newest = [...since.newEvidence].sort((a, b) => b.at.localeCompare(a.at));
    lines.push(`New evidence (${newest.length}):`, "");
    for (const e of newest.slice(0, MAX_EVIDENCE_LINES))
      lines.push(
        `- ${utcMinute(e.at)}: \`${e.type}\` on ${inline(e.item)}${
          e.outcome ? `, ${e.outcome === "pass" ? "✓ pass" : "✕ fail"}` : ""
        }${e.observer ? `, by ${inline(e.observer)}` : ""}`,
      );
    if (newest.length > MAX_EVIDENCE_LINES)
      lines.push(`- … and ${newest.length - MAX_EVIDENCE_LINES} more`);
    lines.push("");
  }
  if (since.newAcceptances.length > 0) {
    lines.push("New risk acceptances:", "", ...since.newAcceptances.map(acceptance), "");
  }
  if (since.expiredAcceptances.length > 0) {
    lines.push("Acceptances that expired:", "", ...since.expiredAcceptances.map(acceptance), "");
  }
  if (lines.length === 2) lines.push("Nothing changed on this wave's board since then.");
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The board's diff since the previous review, as plain data for the summary. */
export function toSinceLastReview(diff: BoardDiff, index: CatalogIndex): SinceLastReview {
  const acceptance = (a: Acceptance): AcceptanceLine => ({
    risk: a.risk?.name,
    covers: a.covers,
    expiresAt: a.expiresAt.toISOString(),
    acceptedBy: a.acceptedBy.name,
  });
  return {
    since: diff.since.toISOString(),
    changes: diff.changes.map((c) => ({ gate: c.gate.name, from: c.from, to: c.to })),
    newEvidence: diff.newEvidence.map((e) => {
      const item = index.byId.get(e.widgetId);
      return {
        type: e.type,
        item: item?.name ?? e.widgetId,
        at: observedAt(e).toISOString(),
        outcome: outcomeOf(e),
        observer: observerOf(e),
      };
    }),
    newAcceptances: diff.newAcceptances.map(acceptance),
    expiredAcceptances: diff.expiredAcceptances.map(acceptance),
  };
}
