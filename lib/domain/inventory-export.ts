import type { Widget } from "./types";
import type { CatalogModel, CatalogRow } from "./catalog";
import { ageLabel, FRESHNESS_DAYS } from "./evidence";
import { GAP_LABELS } from "./gaps";
import { utcMinute } from "./time";

/**
 * The inventory as a document a person can read in a workplan (the planned
 * OpsHubInventory.md) and as JSON for scripts. Pure: a function of the model.
 */
const KINDS: [string, string][] = [
  ["ops-host", "Hosts"],
  ["ops-cluster", "Clusters"],
  ["ops-service", "Services"],
  ["ops-endpoint", "Endpoints"],
  ["ops-backup-set", "Backup sets"],
  ["ops-release", "Releases"],
];

function evidenceText(row: CatalogRow, now: Date): string {
  const { state, newest } = row.evidence;
  return newest
    ? `${state} (${ageLabel(newest.at, now)})`
    : state === "none"
      ? "no evidence"
      : state;
}

function cell(value: unknown): string {
  return String(value ?? "—")
    .replaceAll("|", "\\|")
    .replaceAll("\n", " ");
}

export function inventoryMarkdown(model: CatalogModel): string {
  const { now, rows } = model;
  const lines: string[] = [
    "# ops-hub inventory",
    "",
    `Generated ${utcMinute(now)} from the ops-hub hub: ${rows.length} items, ${model.gaps.length} open gaps.`,
    "Evidence states are derived from recorded events and their age, never typed in.",
    "",
  ];
  const environments = rows.filter((r) => r.widget.type === "ops-environment");
  const byEnvironment = (env: Widget | undefined, type: string) =>
    rows.filter((r) => r.widget.type === type && r.environment?.id === env?.id);

  for (const env of [...environments.map((r) => r.widget), undefined]) {
    const inside = KINDS.flatMap(([type]) => byEnvironment(env, type));
    if (!env && inside.length === 0) continue;
    lines.push(`## ${env ? env.name : "Not placed in an environment"}`, "");
    if (env) {
      const meta = env.metadata;
      lines.push(`- Role: ${cell(meta.role)}`, `- Lifecycle: ${cell(meta.lifecycle)}`);
      if (Array.isArray(meta.publicIps) && meta.publicIps.length > 0)
        lines.push(`- Public IPs: ${meta.publicIps.join(", ")}`);
      if (meta.notes) lines.push(`- Notes: ${cell(meta.notes)}`);
      lines.push("");
    }
    for (const [type, title] of KINDS) {
      const list = byEnvironment(env, type);
      if (list.length === 0) continue;
      lines.push(
        `### ${title}`,
        "",
        "| item | slug | owner | details | evidence |",
        "|---|---|---|---|---|",
      );
      for (const row of list) {
        const meta = row.widget.metadata;
        const details = [
          meta.purpose,
          meta.url,
          meta.exposure,
          meta.runsOn && `runs on ${meta.runsOn}`,
          meta.image,
          meta.publicIp,
        ]
          .filter(Boolean)
          .join("; ");
        lines.push(
          `| ${cell(row.widget.name)} | \`${row.widget.slug}\` | ${cell(row.owner)} | ${cell(details || undefined)} | ${evidenceText(row, now)} |`,
        );
      }
      lines.push("");
    }
  }

  lines.push("## Gaps", "");
  if (model.gaps.length === 0) lines.push("None that ops-hub can tell.", "");
  else {
    lines.push("| item | gap | detail |", "|---|---|---|");
    for (const gap of model.gaps)
      lines.push(`| \`${gap.widget.slug}\` | ${GAP_LABELS[gap.kind]} | ${cell(gap.detail)} |`);
    lines.push("");
  }
  lines.push(
    "## Freshness windows",
    "",
    ...Object.entries(FRESHNESS_DAYS).map(
      ([type, days]) => `- \`${type}\`: ${days} ${days === 1 ? "day" : "days"}`,
    ),
    "",
  );
  return lines.join("\n");
}

export function inventoryJson(model: CatalogModel) {
  return {
    generatedAt: model.now.toISOString(),
    items: model.rows.map((row) => ({
      slug: row.widget.slug,
      name: row.widget.name,
      type: row.widget.type,
      environment: row.environment?.slug ?? null,
      owner: row.owner ?? null,
      evidence: {
        state: row.evidence.state,
        newestAt: row.evidence.newest?.at.toISOString() ?? null,
      },
      gaps: row.gaps.map((gap) => ({ kind: gap.kind, detail: gap.detail })),
      seed: row.seed,
      metadata: row.widget.metadata,
    })),
    freshnessDays: FRESHNESS_DAYS,
  };
}
