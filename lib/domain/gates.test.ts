import { describe, expect, it } from "vitest";
import type { Annotation, InteractionEvent, Widget } from "./types";
import {
  evaluateGate,
  evaluateWave,
  gateRuleSchema,
  statusChanges,
  type BoardInput,
} from "./gates";
import { buildCatalogIndex } from "./relations";
import { readAcceptances } from "./risks";
import { annotation, bySlug, event, seedWidgets } from "@/test/fixtures";

const DAY = 86_400_000;
const now = new Date("2026-11-29T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);

const widgets = seedWidgets();
const wave = bySlug(widgets, "ops-migration-coulombcore-to-threephoenix");
const gate = (slug: string) => bySlug(widgets, slug);
const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
const risk: Widget = {
  ...gate("ops-readiness-rollback"),
  id: "w-risk",
  slug: "ops-risk-x",
  type: "ops-risk",
  name: "Rollback untested",
  metadata: {},
};

function input(
  events: InteractionEvent[] = [],
  annotations: Annotation[] = [],
  at = now,
  extra: Widget[] = [],
): BoardInput {
  const all = [...widgets, risk, ...extra];
  return {
    index: buildCatalogIndex(all),
    latestEvents: events,
    annotations,
    acceptances: readAcceptances(events, new Map([[risk.id, risk]])),
    now: at,
  };
}

const verdict = (slug: string, kind: "passed" | "failed", at: Date) =>
  event(gate(slug), `ops-migration-gate-${kind}`, at, {
    verdict: kind === "passed" ? "pass" : "fail",
    reviewer: { id: "u1", name: "ana" },
  });
const accept = (covers: string[], expiresAt: Date, at = daysAgo(1)) =>
  event(risk, "ops-risk-accepted", at, {
    covers,
    expiresAt: expiresAt.toISOString(),
    justification: "Rollback is rehearsed next sprint.",
    policyScope: "ops-transitional-prod",
    acceptedBy: { id: "u2", name: "bo" },
  });

describe("gate rules", () => {
  it("every seed gate carries a rule that parses", () => {
    for (const w of widgets.filter((w) => w.type === "ops-readiness-gate")) {
      expect(gateRuleSchema.safeParse(w.metadata.rule).success, w.slug).toBe(true);
    }
  });

  it("an invalid rule is shown as unknown with the problem named, not a crash", () => {
    const broken = {
      ...gate("ops-readiness-rollback"),
      metadata: {
        ...gate("ops-readiness-rollback").metadata,
        rule: { requirements: [{ kind: "vibes" }] },
      },
    };
    const result = evaluateGate(broken, wave, input());
    expect(result.status).toBe("unknown");
    expect(result.ruleProblem).toMatch(/^rule invalid: requirements\.0\.kind/);
  });
});

describe("gate status from evidence", () => {
  const gitea = "ops-readiness-gitea-registry";

  it("is unknown with no evidence at all", () => {
    expect(evaluateGate(gate(gitea), wave, input()).status).toBe("unknown");
  });

  it("is failing while one requirement holds and another has no evidence", () => {
    const result = evaluateGate(
      gate(gitea),
      wave,
      input([event(registry, "ops-endpoint-verified", daysAgo(1), { outcome: "pass" })]),
    );
    expect(result.status).toBe("failing");
    expect(result.requirements.map((r) => r.check)).toEqual(["holds", "unknown"]);
  });

  it("passes on fresh evidence and a fresh verdict, showing what decided it", () => {
    const verified = event(registry, "ops-endpoint-verified", daysAgo(1), {
      outcome: "pass",
      observer: "probe",
    });
    const result = evaluateGate(
      gate(gitea),
      wave,
      input([verified, verdict(gitea, "passed", daysAgo(2))]),
    );
    expect(result.status).toBe("passed");
    expect(result.requirements[0]!.evidence).toEqual([verified]);
    expect(result.newest).toEqual(daysAgo(1));
  });

  it("turns stale by itself when the evidence ages past its limit", () => {
    const events = [
      event(registry, "ops-endpoint-verified", daysAgo(20), { outcome: "pass" }),
      verdict(gitea, "passed", daysAgo(20)),
    ];
    expect(evaluateGate(gate(gitea), wave, input(events)).status).toBe("passed");
    const later = new Date(now.getTime() + 11 * DAY);
    const aged = evaluateGate(gate(gitea), wave, input(events, [], later));
    expect(aged.status).toBe("stale");
    expect(aged.requirements[0]!.detail).toMatch(/older than 30 days/);
  });

  it("is failing when the latest evidence failed, even if older evidence passed", () => {
    const events = [
      event(registry, "ops-endpoint-verified", daysAgo(1), { outcome: "fail" }),
      verdict(gitea, "passed", daysAgo(1)),
    ];
    expect(evaluateGate(gate(gitea), wave, input(events)).status).toBe("failing");
  });

  it("reads the T07 seed event as stale evidence, observed in June", () => {
    const seeded = event(registry, "ops-endpoint-verified", now, {
      outcome: "pass",
      observedAt: "2026-06-15",
    });
    const result = evaluateGate(
      gate(gitea),
      wave,
      input([seeded, verdict(gitea, "passed", daysAgo(1))]),
    );
    expect(result.status).toBe("stale");
  });

  it("checks exists rules against the inventory, naming what is missing", () => {
    const runbooks = evaluateGate(gate("ops-readiness-runbooks"), wave, input());
    expect(runbooks.status).toBe("failing");
    expect(runbooks.requirements[0]!.detail).toBe("not covered: restore, rotate, incident");
    const full: Widget = {
      ...bySlug(widgets, "ops-runbook-inter-hub-deploy"),
      id: "w-rb",
      slug: "ops-runbook-all",
      metadata: { covers: ["restore", "rotate", "incident"] },
    };
    expect(
      evaluateGate(gate("ops-readiness-runbooks"), wave, input([], [], now, [full])).status,
    ).toBe("passed");
  });

  it("asks for backup evidence of the target's data stores, through the backup sets that protect them", () => {
    const none = evaluateGate(gate("ops-readiness-data-backup-restore"), wave, input());
    expect(none.requirements[0]!.detail).toBe("nothing to check: no item matches the selector");
    const store: Widget = {
      ...bySlug(widgets, "ops-service-net-kingdom-pg"),
      id: "w-tp-pg",
      slug: "ops-service-tp-pg",
      metadata: { environment: "ops-env-threephoenix-prod", tier: "data" },
    };
    const backup: Widget = {
      ...bySlug(widgets, "ops-backup-gitea"),
      id: "w-tp-backup",
      slug: "ops-backup-tp",
      metadata: { protects: ["ops-service-tp-pg"] },
    };
    const events = [
      event(backup, "ops-backup-verified", daysAgo(1), { outcome: "pass" }),
      event(backup, "ops-restore-tested", daysAgo(10), { outcome: "pass" }),
    ];
    expect(
      evaluateGate(
        gate("ops-readiness-data-backup-restore"),
        wave,
        input(events, [], now, [store, backup]),
      ).status,
    ).toBe("passed");
  });
});

describe("blockers, acceptances and drift", () => {
  const rollback = "ops-readiness-rollback";

  it("is blocked by an open blocker annotation, and unblocked once it is resolved", () => {
    const blocker = annotation(gate(rollback), "ops-readiness-blocker", "no rollback rehearsal");
    expect(evaluateGate(gate(rollback), wave, input([], [blocker])).status).toBe("blocked");
    const resolved = annotation(gate(rollback), "ops-readiness-blocker", "rehearsed", {
      resolves: blocker.id,
    });
    expect(evaluateGate(gate(rollback), wave, input([], [blocker, resolved])).status).toBe(
      "failing",
    );
  });

  it("shows risk-accepted while an acceptance covers it, and falls back when it expires", () => {
    const events = [accept([rollback], new Date(now.getTime() + 3 * DAY))];
    const accepted = evaluateGate(gate(rollback), wave, input(events));
    expect(accepted.status).toBe("risk-accepted");
    expect(accepted.evidenceStatus).toBe("failing");
    const afterExpiry = evaluateGate(
      gate(rollback),
      wave,
      input(events, [], new Date(now.getTime() + 4 * DAY)),
    );
    expect(afterExpiry.status).toBe("failing");
  });

  it("stops counting a revoked acceptance from the revocation on", () => {
    const acceptance = accept([rollback], new Date(now.getTime() + 30 * DAY), daysAgo(5));
    const revocation = event(risk, "ops-risk-accepted", daysAgo(1), {
      action: "revoke",
      revokes: acceptance.id,
      reason: "rollback failed",
    });
    expect(
      evaluateGate(gate(rollback), wave, input([acceptance, revocation], [], daysAgo(2))).status,
    ).toBe("risk-accepted");
    expect(evaluateGate(gate(rollback), wave, input([acceptance, revocation])).status).toBe(
      "failing",
    );
  });

  it("shows a verdict that disagrees with the evidence as drift", () => {
    const gitea = "ops-readiness-gitea-registry";
    const events = [
      event(registry, "ops-endpoint-verified", daysAgo(1), { outcome: "fail" }),
      verdict(gitea, "passed", daysAgo(1)),
    ];
    expect(evaluateGate(gate(gitea), wave, input(events)).drift).toBe(
      "the reviewer passed it, but the evidence says failing",
    );
  });
});

describe("the wave", () => {
  it("is no-go with the gates that hold it, and lists acceptances expiring within 14 days", () => {
    const events = [accept(["ops-readiness-rollback"], new Date(now.getTime() + 10 * DAY))];
    const result = evaluateWave(wave, input(events));
    expect(result.gates.map((g) => g.gate.slug)).toHaveLength(8);
    expect(result.gates[0]!.gate.slug).toBe("ops-readiness-dns-tls");
    expect(result.go).toBe(false);
    expect(result.holding.map((g) => g.gate.slug)).not.toContain("ops-readiness-rollback");
    expect(result.expiringSoon).toHaveLength(1);
  });

  it("is go when every gate has passed or is risk-accepted", () => {
    const gates = widgets.filter((w) => w.type === "ops-readiness-gate").map((w) => w.slug);
    const result = evaluateWave(wave, input([accept(gates, new Date(now.getTime() + 60 * DAY))]));
    expect(result.go).toBe(true);
    expect(result.expiringSoon).toHaveLength(0);
  });

  it("reports which gates changed status between two instants", () => {
    const events = [accept(["ops-readiness-rollback"], new Date(now.getTime() + 2 * DAY))];
    const before = evaluateWave(wave, input(events));
    const after = evaluateWave(wave, input(events, [], new Date(now.getTime() + 3 * DAY)));
    expect(statusChanges(before, after)).toEqual([
      { gate: gate("ops-readiness-rollback"), from: "risk-accepted", to: "failing" },
    ]);
  });
});
