import type { GateStatus } from "./gates";
import type { Verdict } from "./review-summary";

/**
 * A reviewer may overrule the evidence, but not silently: a pass on a gate
 * whose evidence does not pass, or a fail on one whose evidence passes, needs
 * a note saying why. Defer never contradicts anything.
 */
export function verdictContradicts(verdict: Verdict, evidenceStatus: GateStatus): boolean {
  if (verdict === "pass") return evidenceStatus !== "passed";
  if (verdict === "fail") return evidenceStatus === "passed";
  return false;
}

/** The refusal a contradicting verdict without a note gets, in the evidence's words. */
export function contradictionMessage(verdict: Verdict, evidenceWord: string): string {
  return `The evidence says ${evidenceWord}: a ${verdict} needs a note saying why.`;
}
