import { processSingleton } from "./process-singleton";

/**
 * A counter of hub changes this process knows about: the embedded hub bumps it
 * on every successful write, and so do ops-hub's own writes to a remote
 * Inter-Hub. Read caches compare it to the value they were filled at.
 */
const state = processSingleton("hub-changes", () => ({ version: 0 }));

export function markHubChanged(): void {
  state.version += 1;
}

export function hubChangeVersion(): number {
  return state.version;
}
