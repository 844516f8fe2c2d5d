import "server-only";
import { cache } from "react";
import { listAll } from "@/lib/interhub/client";
import { getCurrentHub } from "@/lib/interhub";
import { MAX_LATEST_PER_PAGE, type InteractionEvent, type Widget } from "@/lib/interhub/wire";
import type { CatalogModel } from "./catalog";
import {
  evaluateWave,
  gateRuleSchema,
  gatesOf,
  statusChanges,
  VERDICT_EVENTS,
  type BoardChange,
  type WaveEvaluation,
} from "./gates";
import { isActive, type Acceptance } from "./risks";
import { getCatalogModel } from "./snapshot";

/**
 * The gate board of a wave, now (from the snapshot's indexed latest
 * evidence) or at a past instant (from the event history), and what changed
 * between two instants.
 */
export function findWave(model: CatalogModel, slug: string): Widget | undefined {
  const widget = model.index.bySlug.get(slug);
  return widget?.type === "ops-migration-wave" ? widget : undefined;
}

export function listWaves(model: CatalogModel): Widget[] {
  return model.index.widgets
    .filter((w) => w.type === "ops-migration-wave")
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The items whose evidence a wave's gates read: the gates themselves and everything their rules select or reach. */
function relevantWidgetIds(model: CatalogModel, wave: Widget): string[] {
  const ids = new Set<string>();
  for (const gate of gatesOf(model.index, wave)) {
    ids.add(gate.id);
    const rule = gateRuleSchema.safeParse(gate.metadata.rule);
    if (!rule.success) continue;
    for (const requirement of rule.data.requirements) {
      if (requirement.kind !== "evidence") continue;
      for (const widget of model.index.widgets) {
        if (requirement.selector.widgetType && widget.type !== requirement.selector.widgetType)
          continue;
        ids.add(widget.id);
        if (requirement.via)
          for (const link of model.index.backlinksOf(widget)) ids.add(link.from.id);
      }
    }
  }
  return [...ids];
}

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
      latestEvents: model.latestEvents,
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
  const latestEvents = await latestEventsAsOf(relevantWidgetIds(model, wave), asOf);
  return {
    ...evaluateWave(wave, {
      index: model.index,
      latestEvents,
      annotations: model.annotations,
      acceptances: model.acceptances,
      now: asOf,
    }),
    asOf,
  };
});

export type BoardDiff = {
  since: Date;
  changes: BoardChange[];
  newEvidence: InteractionEvent[];
  newAcceptances: Acceptance[];
  expiredAcceptances: Acceptance[];
};

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
