import type { GateStatus } from "./gates";

/** Gate statuses in words, for documents and screen readers. */
export const GATE_STATUS_WORDS: Record<GateStatus, string> = {
  passed: "passed",
  "risk-accepted": "risk accepted",
  stale: "stale",
  failing: "failing",
  blocked: "blocked",
  unknown: "unknown",
};
