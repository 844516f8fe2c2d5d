import { processSingleton } from "./process-singleton";

/**
 * Counters of hub changes this process knows about, which read caches compare
 * to the values they were filled at. Two kinds, by who waits for them:
 * - `markHubChanged`: a change someone is looking for, made through ops-hub
 *   (a form's write delivered, a review verdict, "probe now"); the next read
 *   waits for fresh data, so the writer sees their write at once.
 * - `markHubChangedInBackground`: a change nobody here waits on (an API
 *   client writing to the embedded hub, a scheduled probe); reads may lag it
 *   by a moment, so a stream of such writes does not make every page re-read
 *   the whole hub.
 */
const state = processSingleton("hub-changes", () => ({ version: 0, background: 0 }));

export function markHubChanged(): void {
  state.version += 1;
}

export function markHubChangedInBackground(): void {
  state.background += 1;
}

export function hubChangeVersion(): number {
  return state.version;
}

export function backgroundChangeVersion(): number {
  return state.background;
}
