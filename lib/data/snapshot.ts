import "server-only";
import { cache } from "react";
import { backgroundChangeVersion, hubChangeVersion } from "@/lib/hub-changes";
import { listAll } from "@/lib/interhub/client";
import { getCurrentHubSlug, getInterHub } from "@/lib/interhub";
import { MAX_LATEST_PER_PAGE } from "@/lib/interhub/wire";
import { InterHubError } from "@/lib/interhub/errors";
import { processSingleton } from "@/lib/process-singleton";
import { shareRepeatedStrings, type CatalogModel, type HubData } from "@/lib/domain/catalog";
import { createCatalogMirror, type CatalogMirror } from "@/lib/domain/catalog-mirror";
import { foldDays, STRIP_DAYS, type StripDays } from "@/lib/domain/evidence";
import { createStripDaysCache } from "@/lib/domain/strip-days";
import { groupBy } from "@/lib/domain/group-by";
import { DAY_MS } from "@/lib/domain/time";

/**
 * A process-wide model per hub (the configured one, and any other a user
 * switched to), read whole once and then kept up to date from the hub's
 * change feed (`GET /changes`, an ops-hub extension of Inter-Hub v2): a read
 * asks the feed what changed since its cursor and applies just that
 * (lib/domain/catalog-mirror.ts), so a write anyone makes — a form here, an
 * API client, a probe, another instance — shows on the next page, and its
 * cost does not grow with the hub. The feed is asked when this process knows
 * of a change (lib/hub-changes.ts: its own writes, the embedded hub's HTTP
 * writes, PostgreSQL notifications from other instances), and otherwise at
 * most every FOLLOW_MS: changes can come unannounced (a remote hub, the CLI
 * writing to the same SQLite file, a notification lost), and asking an
 * unchanged feed costs one indexed read.
 *
 * The whole hub is read again only to start, when the cursor is no longer
 * valid (410 cursor_expired), and for a remote Inter-Hub without the feed
 * (found out once per hub), which keeps the older way: re-read after a change
 * someone waits for, paced re-reads behind the pages for the rest. When
 * Inter-Hub cannot be reached, the last model keeps serving, marked with its age.
 */
const FOLLOW_MS = 1_000;

/** A remote hub without the feed: re-read at most this often when nothing here says it changed. */
const TTL_MS = 15_000;

/** Evidence ages with the clock: a model at most this old is served as it is (the mirror re-derives the rows the clock changed). */
const CLOCK_STEP_MS = 1_000;

/**
 * Whole re-reads behind the pages (a hub without the feed) are paced: between
 * two at least PACE times the last one's duration, so a stream of writes
 * spends at most a fifth of the CPU on them. A page waits for one only when
 * its data is older than BACKGROUND_WAIT_AFTER_MS.
 */
const BACKGROUND_PACE = 4;
const BACKGROUND_MIN_GAP_MS = 1_000;
const BACKGROUND_WAIT_AFTER_MS = 10_000;

const FEED_PAGE = 1_000;

export type Snapshot = {
  model: CatalogModel;
  /** When the data was last known to be current. */
  fetchedAt: Date;
  /** Set when the latest read failed and this data is older than wanted. */
  staleSince?: { error: string; at: Date };
};

type State = {
  current?: Snapshot;
  mirror?: CatalogMirror;
  /** Where this process stands in the hub's feed; null for a hub without one. */
  cursor?: string | null;
  /** One read (whole, or of the feed) at a time; a caller during it shares it. */
  reading?: Promise<void>;
  /** The change counters (lib/hub-changes.ts) the last read began after, and when it began. */
  seen: { version: number; background: number; at: number };
  /** When the last whole re-read ended, and how long it took. */
  lastWholeRead?: { endedAt: number; ms: number };
  /** Evidence strips' days, followed with the feed (lib/domain/strip-days.ts). */
  strips: ReturnType<typeof createStripDaysCache>;
};
const states = processSingleton("hub-snapshots", () => new Map<string, State>());

function stateOf(hub: string): State {
  let state = states.get(hub);
  if (!state)
    states.set(
      hub,
      (state = { seen: { version: -1, background: -1, at: 0 }, strips: createStripDaysCache() }),
    );
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

function errorMessage(error: unknown): string {
  return error instanceof InterHubError ? error.message : "Inter-Hub could not be read";
}

/** Reads the hub whole, and where it has a feed, the position to follow it from. */
async function readWhole(hub: string, state: State): Promise<void> {
  const started = performance.now();
  const client = await getInterHub(hub);
  let head: string | null = null;
  if (state.cursor !== null) {
    head = await client.listChanges(hub, { perPage: 1 }).then(
      (page) => page.head,
      (error: unknown) => {
        // An Inter-Hub without ops-hub's feed: found out once, re-read from then on.
        if (error instanceof InterHubError && error.code === "not_found") return null;
        throw error;
      },
    );
  }
  const data = await fetchHubData(hub);
  state.mirror = createCatalogMirror(data);
  state.strips.clear();
  state.cursor = head;
  state.lastWholeRead = { endedAt: Date.now(), ms: performance.now() - started };
  // What was written between the head and the read comes again; applying it twice changes nothing.
  if (head !== null) await followFeed(hub, state);
}

/** Applies what the feed holds after the cursor; a cursor the feed no longer knows means a whole read. */
async function followFeed(hub: string, state: State): Promise<void> {
  const client = await getInterHub(hub);
  let cursor = state.cursor!;
  try {
    for (;;) {
      const page = await client.listChanges(hub, { after: cursor, perPage: FEED_PAGE });
      state.mirror!.apply(page.changes);
      state.strips.take(
        page.changes.flatMap((change) =>
          change.resource === "interaction-event" && change.event ? [change.event] : [],
        ),
      );
      cursor = page.next;
      if (!page.hasMore) break;
    }
  } catch (error) {
    if (!(error instanceof InterHubError) || error.code !== "cursor_expired") throw error;
    return readWhole(hub, state);
  }
  state.cursor = cursor;
}

/** One read at a time: whole or of the feed, then a model from the mirror. */
function read(hub: string, state: State, whole: boolean): Promise<void> {
  if (state.reading) return state.reading;
  state.seen = { version: hubChangeVersion(), background: backgroundChangeVersion(), at: Date.now() };
  state.reading = (async () => {
    try {
      if (whole || !state.mirror || !state.cursor) await readWhole(hub, state);
      else await followFeed(hub, state);
      const now = new Date();
      state.current = { model: state.mirror!.model(now), fetchedAt: now };
    } catch (error) {
      if (!state.current) throw error;
      state.current = {
        ...state.current,
        staleSince: state.current.staleSince ?? { error: errorMessage(error), at: new Date() },
      };
    }
  })().finally(() => {
    state.reading = undefined;
  });
  return state.reading;
}

/** Whether something may have changed since the last read began. */
function changedSinceRead(state: State): { waited: boolean; any: boolean } {
  const waited = state.seen.version !== hubChangeVersion();
  return { waited, any: waited || state.seen.background !== backgroundChangeVersion() };
}

/**
 * A hub with a feed: follow it whenever something may have changed, and wait —
 * it is cheap. At most two reads: one in flight may have begun before a
 * change this caller came after; writes that keep coming meanwhile are the
 * next caller's.
 */
async function followed(hub: string, state: State): Promise<Snapshot> {
  const entered = { version: hubChangeVersion(), background: backgroundChangeVersion() };
  const due =
    changedSinceRead(state).any ||
    state.current?.staleSince ||
    Date.now() - state.seen.at > FOLLOW_MS;
  if (due || state.reading) {
    await read(hub, state, false);
    const behind =
      state.seen.version < entered.version || state.seen.background < entered.background;
    if (behind && !state.current?.staleSince) await read(hub, state, false);
  }
  return aged(state);
}

/** The model on the clock's latest step: the mirror re-derives the rows whose evidence left its window meanwhile. */
function aged(state: State): Snapshot {
  const current = state.current!;
  const now = new Date();
  if (now.getTime() - current.model.now.getTime() < CLOCK_STEP_MS) return current;
  state.current = { ...current, model: state.mirror!.model(now) };
  return state.current;
}

/** A remote hub without the feed: whole re-reads, awaited after a change someone waits for, paced otherwise. */
async function reread(hub: string, state: State): Promise<Snapshot> {
  const changed = changedSinceRead(state);
  const age = Date.now() - state.current!.fetchedAt.getTime();
  if (changed.waited) {
    await read(hub, state, true);
    // The read in flight may have begun before the latest change: then one more.
    if (changedSinceRead(state).waited && !state.current!.staleSince) await read(hub, state, true);
  } else if (changed.any && age > BACKGROUND_WAIT_AFTER_MS && !state.current!.staleSince) {
    await read(hub, state, true);
  } else if (changed.any || age > TTL_MS || state.current!.staleSince) {
    const last = state.lastWholeRead;
    const gap = last ? Math.max(BACKGROUND_MIN_GAP_MS, BACKGROUND_PACE * last.ms) : 0;
    if (!last || Date.now() - last.endedAt >= gap) void read(hub, state, true).catch(() => {});
  }
  return aged(state);
}

/** The snapshot of one hub, outside any request too (the probe scheduler reads it). */
export async function getHubSnapshot(hub: string): Promise<Snapshot> {
  const state = stateOf(hub);
  if (!state.current) await read(hub, state, true);
  return state.cursor === null ? reread(hub, state) : followed(hub, state);
}

/** The snapshot of the hub this request shows (one lookup per request). */
export const getSnapshot = cache(async () => getHubSnapshot(await getCurrentHubSlug()));

export async function getCatalogModel(): Promise<CatalogModel> {
  return (await getSnapshot()).model;
}

/**
 * The evidence-strip days of these items of the current hub (read after its
 * snapshot, so as current as the page's model). With a feed, each item's
 * recent history is read once and then followed; a hub without one is asked
 * every time.
 */
export async function getStripDays(widgetIds: string[]): Promise<Map<string, StripDays>> {
  const hub = await getCurrentHubSlug();
  const state = stateOf(hub);
  const readRecent = async (ids: string[]) => {
    const client = await getInterHub(hub);
    const since = new Date(Date.now() - STRIP_DAYS * DAY_MS).toISOString();
    return listAll(client.listEvents, { hub, widgetIds: ids, since }, { limit: 20_000 });
  };
  if (widgetIds.length === 0) return new Map();
  if (!state.cursor) {
    const byWidget = groupBy(await readRecent(widgetIds), (event) => event.widgetId);
    return new Map(widgetIds.map((id) => [id, foldDays(new Map(), byWidget.get(id) ?? [])]));
  }
  return state.strips.daysOf(widgetIds, readRecent);
}
