import "server-only";
import { cache } from "react";
import { backgroundChangeVersion, hubChangeVersion } from "@/lib/hub-changes";
import { listAll } from "@/lib/interhub/client";
import { getCurrentHubSlug, getInterHub, interHubMode } from "@/lib/interhub";
import { getEnv } from "@/lib/env";
import { MAX_LATEST_PER_PAGE } from "@/lib/interhub/wire";
import { InterHubError } from "@/lib/interhub/errors";
import { processSingleton } from "@/lib/process-singleton";
import {
  buildCatalogModel,
  shareRepeatedStrings,
  type CatalogModel,
  type HubData,
} from "@/lib/domain/catalog";
import { DAY_MS } from "@/lib/domain/time";

/**
 * A short-lived, process-wide snapshot per hub (the configured one, and any
 * other a user switched to): its widgets, the
 * latest event per widget and type, and its annotations, with the catalog
 * model derived from them. Browsing reads the snapshot instead of hammering
 * Inter-Hub; a change made through ops-hub makes the next read wait for fresh
 * data, so a writer sees their write at once, and changes nobody here waits
 * on are picked up behind the pages (lib/hub-changes.ts). When Inter-Hub
 * cannot be reached, the last snapshot keeps serving, marked with its age.
 */
const TTL_MS = 15_000;

/**
 * Whether data can change behind this process's back: a remote Inter-Hub, or
 * an embedded hub in a PostgreSQL database other instances write to. An
 * embedded hub on SQLite belongs to this process alone, and its every write
 * already marks the snapshot old — refreshing on a timer would only burn CPU.
 */
function changesElsewhere(): boolean {
  return interHubMode() === "remote" || !!getEnv().DATABASE_URL;
}

/** Evidence ages with the clock: the model is derived again from the same data this often. */
const REDERIVE_MS = 60_000;

/**
 * Changes nobody here waits on (an API client's events, scheduled probes, a
 * remote hub's TTL) are picked up by re-reads behind the pages: one at a time,
 * and between two at least PACE times the last one's duration, so a stream of
 * writes spends at most a fifth of the CPU on re-reads (about a second each
 * for a 10,000-item hub) and the rest on taking the writes and serving pages.
 * A page waits for a re-read only when its snapshot is older than
 * BACKGROUND_WAIT_AFTER_MS, the first look after a quiet spell.
 */
const BACKGROUND_PACE = 4;
const BACKGROUND_MIN_GAP_MS = 1_000;
const BACKGROUND_WAIT_AFTER_MS = 10_000;

export type Snapshot = {
  model: CatalogModel;
  data: HubData;
  fetchedAt: Date;
  /** The change counters this snapshot's read began after (lib/hub-changes.ts). */
  version: number;
  background: number;
  /** Set when the latest refresh failed and this data is older than wanted. */
  staleSince?: { error: string; at: Date };
};

type State = {
  current?: Snapshot;
  refreshing?: Promise<Snapshot>;
  /** When the last re-read ended, and how long it took. */
  lastRead?: { endedAt: number; ms: number };
};
const states = processSingleton("hub-snapshots", () => new Map<string, State>());

function stateOf(hub: string): State {
  let state = states.get(hub);
  if (!state) states.set(hub, (state = {}));
  return state;
}

async function fetchHubData(hub: string): Promise<HubData> {
  const client = await getInterHub(hub);
  const [widgets, latestEvents, annotations, riskEvents] = await Promise.all([
    listAll(client.listWidgets, { hub }),
    listAll(client.listLatestEvents, { hub }, { perPage: MAX_LATEST_PER_PAGE }).catch(
      async (error: unknown) => {
        // An Inter-Hub without ops-hub's latest-event read: reduce the recent history instead.
        if (!(error instanceof InterHubError) || error.code !== "not_found") throw error;
        const since = new Date(Date.now() - 90 * DAY_MS).toISOString();
        const events = await listAll(client.listEvents, { hub, since }, { limit: 50_000 });
        const latest = new Map<string, (typeof events)[number]>();
        for (const event of events) {
          const key = `${event.widgetId}\n${event.type}`;
          if (!latest.has(key)) latest.set(key, event); // newest first
        }
        return [...latest.values()];
      },
    ),
    listAll(client.listAnnotations, { hub }, { limit: 20_000 }),
    listAll(client.listEvents, { hub, eventType: "ops-risk-accepted" }, { limit: 20_000 }),
  ]);
  return shareRepeatedStrings({ widgets, latestEvents, annotations, riskEvents });
}

function refresh(hub: string, state: State): Promise<Snapshot> {
  // One re-read at a time: a caller during it shares it.
  if (state.refreshing) return state.refreshing;
  const started = performance.now();
  state.refreshing = (async () => {
    const version = hubChangeVersion();
    const background = backgroundChangeVersion();
    try {
      const data = await fetchHubData(hub);
      const fetchedAt = new Date();
      state.current = {
        model: buildCatalogModel(data, fetchedAt),
        data,
        fetchedAt,
        version,
        background,
      };
      return state.current;
    } catch (error) {
      if (!state.current) throw error;
      const message =
        error instanceof InterHubError ? error.message : "Inter-Hub could not be read";
      state.current = {
        ...state.current,
        staleSince: state.current.staleSince ?? { error: message, at: new Date() },
      };
      return state.current;
    }
  })().finally(() => {
    state.refreshing = undefined;
    state.lastRead = { endedAt: Date.now(), ms: performance.now() - started };
  });
  return state.refreshing;
}

/** Starts a re-read behind the pages, when the pace allows one. */
function refreshInBackground(hub: string, state: State): void {
  const last = state.lastRead;
  const gap = last ? Math.max(BACKGROUND_MIN_GAP_MS, BACKGROUND_PACE * last.ms) : 0;
  if (state.refreshing || (last && Date.now() - last.endedAt < gap)) return;
  void refresh(hub, state).catch(() => {});
}

/** A snapshot read after every change someone waits for so far. */
async function refreshedAfterChanges(hub: string, state: State): Promise<Snapshot> {
  const wanted = hubChangeVersion();
  const snapshot = await refresh(hub, state);
  // The read in flight may have begun before the latest change: then one more.
  return snapshot.version >= wanted || snapshot.staleSince ? snapshot : refresh(hub, state);
}

/** The snapshot of one hub, outside any request too (the probe scheduler reads it). */
export async function getHubSnapshot(hub: string): Promise<Snapshot> {
  const state = stateOf(hub);
  const current = state.current;
  if (!current || current.version !== hubChangeVersion()) return refreshedAfterChanges(hub, state);
  const age = Date.now() - current.fetchedAt.getTime();
  if (current.background !== backgroundChangeVersion()) {
    if (age > BACKGROUND_WAIT_AFTER_MS && !current.staleSince) return refresh(hub, state);
    refreshInBackground(hub, state);
    return current;
  }
  if ((changesElsewhere() && age > TTL_MS) || current.staleSince) refreshInBackground(hub, state);
  else if (Date.now() - current.model.now.getTime() > REDERIVE_MS) {
    // Same data, later clock: evidence that aged past its window turns stale by itself.
    state.current = { ...current, model: buildCatalogModel(current.data, new Date()) };
    return state.current;
  }
  return current;
}

/** The snapshot of the hub this request shows (one lookup per request). */
export const getSnapshot = cache(async () => getHubSnapshot(await getCurrentHubSlug()));

export async function getCatalogModel(): Promise<CatalogModel> {
  return (await getSnapshot()).model;
}
