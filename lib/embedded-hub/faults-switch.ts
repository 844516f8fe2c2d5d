import { processSingleton } from "@/lib/process-singleton";

/**
 * Tests only (OPS_HUB_FAULT_INJECTION=on): while set, the embedded hub answers
 * every request with 503, as an unreachable Inter-Hub would look to ops-hub.
 */
const state = processSingleton("hub-fault-switch", () => ({ failing: false }));

export function setHubFailing(failing: boolean): void {
  state.failing = failing;
}

export function isHubFailing(): boolean {
  return state.failing;
}
