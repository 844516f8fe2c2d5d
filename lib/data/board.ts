import "server-only";
import { cache } from "react";
import { listAll } from "@/lib/interhub/client";
import { getCurrentHub } from "@/lib/interhub";
import { InterHubError } from "@/lib/interhub/errors";
import { MAX_AS_OF_PER_PAGE, MAX_LATEST_PER_PAGE } from "@/lib/interhub/wire";
import { buildCatalogIndex, type CatalogIndex } from "@/lib/domain/relations";
import type { InteractionEvent, Widget } from "@/lib/domain/types";
import type { CatalogModel } from "@/lib/domain/catalog";
import {
  evaluateWave,
  statusChanges,
  VERDICT_EVENTS,
  type WaveEvaluation,
} from "@/lib/domain/gates";
import { isActive } from "@/lib/domain/risks";
import { findWave, relevantWidgetIds, type BoardDiff } from "@/lib/domain/waves";
import { getCatalogModel } from "./snapshot";

/**
 * The gate board of a wave, now (from the snapshot's indexed latest
 * evidence) or at a past instant (from the event history), and what changed
 * between two instants.
 */
async function latestEventsAsOf(widgetIds: string[], until: Date): Promise<InteractionEvent[]> {
  const { client, slug: hub } = await getCurrentHub();
  const chunks: string[][] = [];
  for (let i = 0; i < widgetIds.length; i += 200) chunks.push(widgetIds.slice(i, i + 200));
  const pages = await Promise.all(
    chunks.map((widgetIds) =>
      listAll(
        client.listLatestEvents,
        { hub, widgetIds, until: until.toISOString() },
        { perPage: MAX_LATEST_PER_PAGE },
      ),
    ),
  );
  return pages.flat();
}

/**
 * The hub's items as they were at an instant, from the embedded hub's widget
 * versions (an ops-hub extension); a remote Inter-Hub without it gives
 * today's items, judged with the evidence of then.
 */
async function indexAsOf(asOf: Date): Promise<CatalogIndex | undefined> {
  const { client, slug: hub } = await getCurrentHub();
  try {
    const widgets = await listAll(
      (params) => client.listWidgetsAsOf(hub, asOf.toISOString(), params),
      {},
      { perPage: MAX_AS_OF_PER_PAGE },
    );
    return buildCatalogIndex(widgets);
  } catch (error) {
    if (error instanceof InterHubError && error.code === "not_found") return undefined;
    throw error;
  }
}

export type Board = WaveEvaluation & { asOf?: Date };

/**
 * The board now is a function of the snapshot's model (its data and its
 * clock): worked out once per model and wave, and shared by the board page,
 * its JSON, present mode and screen links until the snapshot changes.
 */
const boardsNow = new WeakMap<CatalogModel, Map<string, WaveEvaluation>>();

function boardNow(model: CatalogModel, wave: Widget): WaveEvaluation {
  let boards = boardsNow.get(model);
  if (!boards) boardsNow.set(model, (boards = new Map()));
  let board = boards.get(wave.id);
  if (!board) {
    board = evaluateWave(wave, {
      index: model.index,
      latestEvents: model.latestByWidget,
      annotations: model.annotations,
      acceptances: model.acceptances,
      now: model.now,
    });
    boards.set(wave.id, board);
  }
  return board;
}

export const getBoard = cache(async (waveSlug: string, asOf?: Date): Promise<Board | undefined> => {
  const model = await getCatalogModel();
  const wave = findWave(model, waveSlug);
  if (!wave) return undefined;
  if (!asOf || asOf >= model.now) return boardNow(model, wave);
  // The gates, their rules and the items they select as they were then; a
  // wave younger than the instant has no gates then.
  const index = (await indexAsOf(asOf)) ?? model.index;
  const latestEvents = await latestEventsAsOf(relevantWidgetIds({ index }, wave), asOf);
  return {
    ...evaluateWave(index.byId.get(wave.id) ?? wave, {
      index,
      latestEvents,
      annotations: model.annotations.filter((a) => new Date(a.createdAt) <= asOf),
      acceptances: model.acceptances,
      now: asOf,
    }),
    asOf,
  };
});

/** What changed on a wave's board between `since` and now. */
export const getBoardDiff = cache(
  async (waveSlug: string, since: Date): Promise<BoardDiff | undefined> => {
    const model = await getCatalogModel();
    const wave = findWave(model, waveSlug);
    const [before, after] = await Promise.all([getBoard(waveSlug, since), getBoard(waveSlug)]);
    if (!wave || !before || !after) return undefined;
    const { client, slug: hub } = await getCurrentHub();
    const relevant = new Set(relevantWidgetIds(model, wave));
    const recent = await client.listEvents({
      hub,
      since: since.toISOString(),
      perPage: 200,
    });
    const verdictTypes = new Set<string>(Object.values(VERDICT_EVENTS));
    return {
      since,
      changes: statusChanges(before, after),
      newEvidence: recent.items.filter(
        (e) => relevant.has(e.widgetId) && !verdictTypes.has(e.type),
      ),
      newAcceptances: after.acceptances.filter((a) => new Date(a.event.createdAt) > since),
      expiredAcceptances: model.acceptances.filter(
        (a) =>
          a.expiresAt > since &&
          a.expiresAt <= model.now &&
          a.covers.some((slug) => after.gates.some((g) => g.gate.slug === slug)) &&
          isActive(a, since),
      ),
    };
  },
);
