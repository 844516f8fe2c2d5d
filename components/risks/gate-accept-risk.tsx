import { getSessionUser } from "@/lib/auth/session";
import type { GateView } from "@/lib/domain/board-view";
import { GATE_STATUS_WORDS } from "@/lib/domain/gate-words";
import { needsAcceptance } from "@/lib/domain/gate-policy";
import { hasRole } from "@/lib/domain/roles";
import { AcceptGateRisk } from "./accept-gate-risk";
import { getGateRiskSetup } from "./gate-risk-setup";

/** "Accept risk…" on a board's gate card: for approvers and admins, on a failing, stale or blocked gate. */
export async function GateAcceptRisk({ gate }: { gate: GateView }) {
  if (!needsAcceptance(gate.status)) return null;
  if (!hasRole((await getSessionUser())?.role, "approver")) return null;
  const { context, scopes } = await getGateRiskSetup();
  return (
    <AcceptGateRisk
      gate={{
        slug: gate.slug,
        name: gate.name,
        statusWord: GATE_STATUS_WORDS[gate.status],
        policyScope: scopes[gate.slug],
      }}
      context={context}
      buttonClassName="rounded-md border border-slate-400 px-3 py-1 text-sm font-medium hover:bg-slate-100"
    />
  );
}
