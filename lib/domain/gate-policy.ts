import type { GateStatus } from "./gates";
import type { Widget } from "./types";

/** The statuses where someone may want to accept the risk instead of waiting for evidence. */
export const ACCEPTABLE_STATUSES: readonly GateStatus[] = ["failing", "stale", "blocked"];

export const needsAcceptance = (status: GateStatus) => ACCEPTABLE_STATUSES.includes(status);

/**
 * The policy scope an acceptance on this gate falls under: the gate's own
 * `policyScope`, else its wave's; only a scope the hub declares counts (a
 * stale name would be refused on submit). Undefined: the approver chooses.
 */
export function gatePolicyScope(
  gate: Pick<Widget, "metadata">,
  wave: Pick<Widget, "metadata"> | undefined,
  scopes: readonly string[],
): string | undefined {
  for (const candidate of [gate.metadata.policyScope, wave?.metadata.policyScope])
    if (typeof candidate === "string" && scopes.includes(candidate)) return candidate;
  return undefined;
}
