import { describe, expect, it } from "vitest";
import type { Widget } from "./types";
import type { BoardDiff } from "./waves";
import { toBoardView } from "./board-view";
import { evaluateWave } from "./gates";
import { buildCatalogIndex } from "./relations";
import { readAcceptances } from "./risks";
import { annotation, bySlug, event, seedWidgets } from "@/test/fixtures";
import {
  buildReviewSummary,
  latestVerdicts,
  toSinceLastReview,
  type ReviewVerdict,
} from "./review-summary";

const DAY = 86_400_000;
const now = new Date("2026-11-29T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);

const widgets = seedWidgets();
const wave = bySlug(widgets, "ops-migration-coulombcore-to-threephoenix");
const gate = (slug: string) => bySlug(widgets, slug);
const risk: Widget = {
  ...gate("ops-readiness-rollback"),
  id: "w-risk",
  slug: "ops-risk-rollback",
  type: "ops-risk",
  name: "Rollback untested",
  metadata: {},
};
const index = buildCatalogIndex([...widgets, risk]);
const ana = { id: "u1", name: "ana" };
const review = {
  id: "11111111-2222-4333-8444-555555555555",
  startedAt: "2026-11-29T10:00:00.000Z",
  startedBy: "ana",
  endedAt: "2026-11-29T11:30:00.000Z",
  endedBy: "bo",
};

function board(
  events = [] as ReturnType<typeof event>[],
  annotations = [] as ReturnType<typeof annotation>[],
) {
  return toBoardView(
    evaluateWave(wave, {
      index,
      latestEvents: events,
      annotations,
      acceptances: readAcceptances(events, new Map([[risk.id, risk]])),
      now,
    }),
    index,
  );
}

const verdict = (
  slug: string,
  v: ReviewVerdict["verdict"],
  at: string,
  note = "",
): ReviewVerdict => ({
  gateSlug: slug,
  verdict: v,
  note,
  reviewer: ana,
  at,
});

describe("the review summary", () => {
  it("lists every gate with its status and this review's verdict, in gate order", () => {
    const md = buildReviewSummary({
      board: board(),
      review,
      verdicts: [
        verdict("ops-readiness-secrets", "defer", "2026-11-29T10:10:00.000Z", "ask platform"),
        verdict("ops-readiness-service-catalog", "pass", "2026-11-29T10:05:00.000Z"),
      ],
    });
    expect(md).toContain("## Migration review: CoulombCore → ThreePhoenix");
    expect(md).toContain("started 2026-11-29 10:00 UTC by ana, ended 2026-11-29 11:30 UTC by bo");
    expect(md).toContain("**✕ NO-GO**");
    const rows = md.split("\n").filter((line) => /^\| \d/.test(line));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatch(/^\| 1 \| DNS and TLS are codified \| \? unknown \| not reviewed \|/);
    expect(rows[1]).toContain("| ✓ pass | ana |");
    expect(rows[4]).toContain("| ↷ defer | ana | ask platform |");
    expect(md).toContain("2 of 8 gates reviewed.");
  });

  it("keeps only the latest verdict per gate", () => {
    const latest = latestVerdicts([
      verdict("ops-readiness-rollback", "fail", "2026-11-29T10:05:00.000Z"),
      verdict("ops-readiness-rollback", "pass", "2026-11-29T10:06:00.000Z"),
    ]);
    expect(latest.get("ops-readiness-rollback")?.verdict).toBe("pass");
  });

  it("names disagreements with the evidence, as drift from the board", () => {
    const at = new Date("2026-11-29T10:20:00.000Z");
    const events = [
      event(gate("ops-readiness-rollback"), "ops-migration-gate-failed", at, {
        verdict: "fail",
        observer: "ana",
      }),
    ];
    const runbook: Widget = {
      ...gate("ops-readiness-rollback"),
      id: "w-rb",
      slug: "ops-runbook-rollback",
      type: "ops-runbook",
      name: "Rollback",
      metadata: { covers: ["rollback"], location: "x" },
    };
    const withRunbook = buildCatalogIndex([...widgets, risk, runbook]);
    const view = toBoardView(
      evaluateWave(wave, {
        index: withRunbook,
        latestEvents: events,
        annotations: [],
        acceptances: [],
        now,
      }),
      withRunbook,
    );
    const md = buildReviewSummary({
      board: view,
      review,
      verdicts: [verdict("ops-readiness-rollback", "fail", at.toISOString(), "not rehearsed")],
    });
    expect(md).toContain(
      "- **Rollback path is documented**: the reviewer failed it, but the evidence passes (verdict by ana in this review)",
    );
  });

  it("says so when every verdict agrees, and when nothing is blocked or expiring", () => {
    const md = buildReviewSummary({ board: board(), review, verdicts: [] });
    expect(md).toContain("None: every verdict agrees with the evidence.");
    expect(md).toMatch(/### Open blockers\n\nNone\./);
    expect(md).toMatch(/### Acceptances expiring within 14 days\n\nNone\./);
    expect(md).toContain("This is the first review of this wave: nothing to compare with.");
  });

  it("lists open blockers and acceptances that expire within 14 days", () => {
    const events = [
      event(risk, "ops-risk-accepted", daysAgo(2), {
        covers: ["ops-readiness-rollback"],
        expiresAt: new Date(now.getTime() + 5 * DAY).toISOString(),
        justification: "Rehearsed next sprint.",
        policyScope: "ops-transitional-prod",
        acceptedBy: { id: "u2", name: "bo" },
      }),
    ];
    const blocker = annotation(
      gate("ops-readiness-secrets"),
      "ops-readiness-blocker",
      "OpenBao not reachable",
    );
    const md = buildReviewSummary({ board: board(events, [blocker]), review, verdicts: [] });
    expect(md).toContain(
      "- **Secrets and SOPS/age keys are available through governed operator paths**: OpenBao not reachable (since 2026-11-01 00:00 UTC)",
    );
    expect(md).toContain(
      "- **Rollback untested** covering Rollback path is documented: expires 2026-12-04 12:00 UTC (5 days left), accepted by bo",
    );
  });

  it("keeps table cells on one line and escapes pipes in notes", () => {
    const md = buildReviewSummary({
      board: board(),
      review,
      verdicts: [verdict("ops-readiness-dns-tls", "fail", "2026-11-29T10:01:00.000Z", "a | b\nc")],
    });
    expect(md).toContain("| ✕ fail | ana | a \\| b c |");
  });

  it("reports what changed since the previous review", () => {
    const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
    const diff: BoardDiff = {
      since: new Date("2026-11-01T09:00:00Z"),
      changes: [{ gate: gate("ops-readiness-rollback"), from: "failing", to: "passed" }],
      newEvidence: [
        event(registry, "ops-endpoint-verified", daysAgo(1), {
          outcome: "pass",
          observer: "probe",
        }),
      ],
      newAcceptances: [],
      expiredAcceptances: [],
    };
    const md = buildReviewSummary({
      board: board(),
      review,
      verdicts: [],
      since: toSinceLastReview(diff, index),
    });
    expect(md).toContain("### Since the last review (ended 2026-11-01 09:00 UTC)");
    expect(md).toContain("- Rollback path is documented: ✕ failing → ✓ passed");
    expect(md).toContain(
      "- 2026-11-28 12:00 UTC: `ops-endpoint-verified` on Gitea OCI registry /v2/, ✓ pass, by probe",
    );
  });

  it("says nothing changed when the diff is empty", () => {
    const md = buildReviewSummary({
      board: board(),
      review,
      verdicts: [],
      since: {
        since: "2026-11-01T09:00:00.000Z",
        changes: [],
        newEvidence: [],
        newAcceptances: [],
        expiredAcceptances: [],
      },
    });
    expect(md).toContain("Nothing changed on this wave's board since then.");
  });
});
