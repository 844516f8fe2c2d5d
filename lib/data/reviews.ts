import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDatabase } from "@/lib/db";
import type { Db } from "@/lib/db/database";
import type { Database } from "@/lib/db/schema";
import { listAll } from "@/lib/interhub/client";
import { getInterHub } from "@/lib/interhub";
import { VERDICT_EVENTS } from "@/lib/domain/gates";
import type { CatalogIndex } from "@/lib/domain/relations";
import type { ReviewVerdict } from "@/lib/domain/review-summary";

/**
 * Migration reviews: ops-hub's own record of a review of one wave (who
 * started it, when it ended, its Markdown summary). The verdicts themselves
 * are Inter-Hub events on the gates, tagged with the review's id, so the hub
 * stays the one source of truth for what was decided.
 */
const personSchema = z.object({ id: z.string(), name: z.string() });

export type Review = {
  id: string;
  waveSlug: string;
  startedBy: z.infer<typeof personSchema>;
  startedAt: string;
  endedAt?: string;
  summary?: string;
};

function toReview(row: Database["reviews"]): Review {
  let startedBy = { id: "", name: "unknown" };
  try {
    startedBy = personSchema.parse(JSON.parse(row.started_by));
  } catch {
    // Keep the review readable even when its author record is not.
  }
  return {
    id: row.id,
    waveSlug: row.wave_slug,
    startedBy,
    startedAt: row.started_at,
    endedAt: row.ended_at ?? undefined,
    summary: row.summary ?? undefined,
  };
}

/** The open review of a wave (the newest, should two have been started at once). */
function openReviewRow(db: Db, waveSlug: string) {
  return db
    .selectFrom("reviews")
    .selectAll()
    .where("wave_slug", "=", waveSlug)
    .where("ended_at", "is", null)
    .orderBy("started_at", "desc")
    .executeTakeFirst();
}

export async function getOpenReview(waveSlug: string): Promise<Review | undefined> {
  const row = await openReviewRow(await getDatabase(), waveSlug);
  return row ? toReview(row) : undefined;
}

export async function getReview(id: string): Promise<Review | undefined> {
  const db = await getDatabase();
  const row = await db.selectFrom("reviews").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toReview(row) : undefined;
}

/** Starts a review, or returns the one already open for the wave. */
export async function startReview(
  waveSlug: string,
  startedBy: { id: string; name: string },
  now = new Date(),
): Promise<{ review: Review; started: boolean }> {
  const db = await getDatabase();
  return db.transaction().execute(async (trx) => {
    const open = await openReviewRow(trx, waveSlug);
    if (open) return { review: toReview(open), started: false };
    const row: Database["reviews"] = {
      id: randomUUID(),
      wave_slug: waveSlug,
      started_by: JSON.stringify({ id: startedBy.id, name: startedBy.name }),
      started_at: now.toISOString(),
      ended_at: null,
      summary: null,
    };
    await trx.insertInto("reviews").values(row).execute();
    return { review: toReview(row), started: true };
  });
}

/** Ends an open review with its summary; false when it had already ended. */
export async function endReview(id: string, summary: string, now = new Date()): Promise<boolean> {
  const db = await getDatabase();
  const result = await db
    .updateTable("reviews")
    .set({ ended_at: now.toISOString(), summary })
    .where("id", "=", id)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The ended reviews of a wave, newest first. */
export async function listEndedReviews(waveSlug: string, limit = 100): Promise<Review[]> {
  const db = await getDatabase();
  const rows = await db
    .selectFrom("reviews")
    .selectAll()
    .where("wave_slug", "=", waveSlug)
    .where("ended_at", "is not", null)
    .orderBy("ended_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toReview);
}

/** The review whose end the next review's "since last review" starts from. */
export async function getLastEndedReview(waveSlug: string): Promise<Review | undefined> {
  return (await listEndedReviews(waveSlug, 1))[0];
}

// Inter-Hub's clock may run a little behind ops-hub's: read a margin before the start.
const CLOCK_MARGIN_MS = 5 * 60_000;
const VERDICT_OF = new Map<string, ReviewVerdict["verdict"]>(
  Object.entries(VERDICT_EVENTS).map(([verdict, type]) => [
    type,
    verdict as ReviewVerdict["verdict"],
  ]),
);

/** The verdicts recorded during a review in a hub, oldest first: the gate events tagged with its id. */
export async function listReviewVerdicts(
  hub: string,
  review: Review,
  index: CatalogIndex,
): Promise<ReviewVerdict[]> {
  const client = await getInterHub(hub);
  const since = new Date(new Date(review.startedAt).getTime() - CLOCK_MARGIN_MS).toISOString();
  const pages = await Promise.all(
    [...VERDICT_OF.keys()].map((eventType) =>
      listAll(client.listEvents, { hub, eventType, since }, { limit: 5_000 }),
    ),
  );
  const verdicts: ReviewVerdict[] = [];
  for (const event of pages.flat()) {
    const verdict = VERDICT_OF.get(event.type);
    const gate = index.byId.get(event.widgetId);
    if (!verdict || !gate || event.metadata.reviewId !== review.id) continue;
    const reviewer = personSchema.safeParse(event.metadata.reviewer);
    verdicts.push({
      gateSlug: gate.slug,
      verdict,
      note: typeof event.metadata.note === "string" ? event.metadata.note : "",
      reviewer: reviewer.success ? reviewer.data : { id: "", name: event.recordedBy ?? "unknown" },
      at: event.createdAt,
    });
  }
  return verdicts.sort((a, b) => a.at.localeCompare(b.at));
}
