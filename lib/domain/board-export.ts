import type { BoardView, GateView } from "./board-view";
import { ageLabel } from "./evidence";
import { GATE_STATUS_WORDS } from "./gate-words";
import { utcMinute } from "./time";

/**
 * A wave's readiness as a document for the workplan (the planned
 * OpsHubReadinessGates.md). Pure: a function of the board view.
 */
const CHECK_WORDS = {
  holds: "holds",
  stale: "stale",
  fails: "does not hold",
  unknown: "no evidence yet",
} as const;

function cell(value: unknown): string {
  return String(value ?? "—")
    .replaceAll("|", "\\|")
    .replaceAll("\n", " ");
}

function evidenceAge(gate: GateView, now: Date): string {
  return gate.newest ? ageLabel(new Date(gate.newest), now) : "—";
}

export function boardMarkdown(board: BoardView): string {
  const now = new Date(board.asOf ?? board.now);
  const lines = [
    `# Readiness gates: ${board.wave.name}`,
    "",
    `${board.wave.from ?? "?"} → ${board.wave.to ?? "?"}. Status derived from evidence ${board.asOf ? "as of" : "at"} ${utcMinute(now)}.`,
    "",
    `**${board.go ? "GO" : "NO-GO"}**${board.go ? "" : `: held by ${board.holding.length} of ${board.gates.length} gates.`}`,
    "",
    "| # | gate | status | owner repo | evidence requirement | newest evidence |",
    "|---|---|---|---|---|---|",
    ...board.gates.map(
      (g) =>
        `| ${g.order} | ${cell(g.name)} | ${GATE_STATUS_WORDS[g.status]} | ${cell(g.ownerRepo)} | ${cell(g.evidenceRequirement)} | ${evidenceAge(g, now)} |`,
    ),
    "",
  ];
  if (board.acceptances.length > 0) {
    lines.push("## Accepted risks", "");
    for (const a of board.acceptances) {
      lines.push(
        `- ${cell(a.risk ?? "risk")}: covers ${a.covers.join(", ")}; accepted by ${a.acceptedBy} under ${a.policyScope}; expires ${a.expiresAt.slice(0, 10)} (${a.daysLeft} days). ${a.justification}`,
      );
    }
    lines.push("");
  }
  lines.push("## Why each gate has its status", "");
  for (const gate of board.gates) {
    lines.push(`### ${gate.order}. ${gate.name} — ${GATE_STATUS_WORDS[gate.status]}`, "");
    if (gate.ruleProblem) lines.push(`- ${gate.ruleProblem}`);
    for (const requirement of gate.requirements) {
      lines.push(
        `- ${requirement.label}: ${CHECK_WORDS[requirement.check]} (${requirement.detail})`,
      );
      for (const e of requirement.evidence) {
        lines.push(
          `  - \`${e.type}\` on ${e.itemName ?? "an item"}: ${e.outcome ?? "recorded"}, ${ageLabel(new Date(e.at), now)}${e.observer ? `, by ${e.observer}` : ""}`,
        );
      }
    }
    for (const blocker of gate.blockers) lines.push(`- Blocker: ${cell(blocker.body)}`);
    if (gate.drift) lines.push(`- Drift: ${gate.drift}`);
    lines.push("");
  }
  return lines.join("\n");
}
