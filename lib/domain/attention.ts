import type { CatalogModel, CatalogRow } from "./catalog";
import type { Gap } from "./gaps";
import { EXPIRING_SOON_DAYS, type GateStatus, type WaveEvaluation } from "./gates";
import { daysLeft, isActive, type Acceptance } from "./risks";

/**
 * What home opens with: what needs someone now. Each wave's go or no-go and
 * the gates that hold it, the items whose evidence fails or went stale, the
 * signals that did not arrive in time, and the risk acceptances that run out
 * within two weeks (after which their gates hold the wave again).
 */
export type Attention = {
  waves: {
    slug: string;
    name: string;
    go: boolean;
    gateCount: number;
    holding: { slug: string; name: string; status: GateStatus }[];
  }[];
  failing: CatalogRow[];
  stale: CatalogRow[];
  overdue: Gap[];
  expiring: (Acceptance & { daysLeft: number })[];
};

export function needsAttention(model: CatalogModel, boards: WaveEvaluation[]): Attention {
  return {
    waves: boards.map((board) => ({
      slug: board.wave.slug,
      name: board.wave.name,
      go: board.go,
      gateCount: board.gates.length,
      holding: board.holding.map((g) => ({
        slug: g.gate.slug,
        name: g.gate.name,
        status: g.status,
      })),
    })),
    failing: model.rows.filter((row) => row.evidence.state === "failing"),
    stale: model.rows.filter((row) => row.evidence.state === "stale"),
    overdue: model.gaps.filter((gap) => gap.kind === "overdue"),
    expiring: model.acceptances
      .filter((a) => isActive(a, model.now))
      .map((a) => ({ ...a, daysLeft: daysLeft(a, model.now) }))
      .filter((a) => a.daysLeft <= EXPIRING_SOON_DAYS)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime()),
  };
}
