import { processSingleton } from "./process-singleton";

/**
 * Counters of hub changes this process knows about, which read caches compare
 * to the values they were filled at, and the listeners told of each (the
 * server-sent event streams that push changes to open screens). Two kinds, by
 * who waits for them:
 * - `markHubChanged`: a change someone is looking for, made through ops-hub
 *   (a form's write delivered, a review verdict, "probe now"), or one that
 *   changes what the app can show (a hub, manifest or key);
 * - `markHubChangedInBackground`: a change nobody here waits on (an API
 *   client's items and events, a scheduled probe, another instance's write).
 * A hub that has a change feed is followed after either (lib/data/snapshot.ts);
 * one without re-reads only after the first kind, so a stream of the second
 * does not make every page re-read the whole hub.
 */
const state = processSingleton("hub-changes", () => ({
  version: 0,
  background: 0,
  listeners: new Set<() => void>(),
}));

function tell(): void {
  for (const listener of state.listeners) listener();
}

export function markHubChanged(): void {
  state.version += 1;
  tell();
}

export function markHubChangedInBackground(): void {
  state.background += 1;
  tell();
}

export function hubChangeVersion(): number {
  return state.version;
}

export function backgroundChangeVersion(): number {
  return state.background;
}

/** Calls `listener` after every change this process learns of, until the returned function is called. */
export function onHubChange(listener: () => void): () => void {
  state.listeners.add(listener);
  return () => void state.listeners.delete(listener);
}
