"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getBoard, getBoardDiff } from "@/lib/data/board";
import {
  endReview,
  getLastEndedReview,
  getReview,
  listReviewVerdicts,
  startReview,
} from "@/lib/data/reviews";
import { getHubSnapshot } from "@/lib/data/snapshot";
import { writeToHub } from "@/lib/data/write";
import { toBoardView } from "@/lib/domain/board-view";
import { gatesOf, VERDICT_EVENTS } from "@/lib/domain/gates";
import { buildReviewSummary, toSinceLastReview } from "@/lib/domain/review-summary";
import { GATE_STATUS_WORDS } from "@/lib/domain/gate-words";
import { contradictionMessage, verdictContradicts } from "@/lib/domain/verdict-rules";
import { findWave } from "@/lib/domain/waves";
import { getCurrentHubSlug } from "@/lib/interhub";
import { InterHubError } from "@/lib/interhub/errors";
import type { FormState } from "./form-state";
import { done, failed, invalid, readForm, requireRole } from "./kit";

/**
 * A migration review's three steps: approver or admin → parse → write →
 * revalidate → answer. The reviewer's identity always comes from the session,
 * never from the form. Verdicts are events on the gates of the hub the
 * reviewer is looking at, written there and nowhere else.
 */
const ReviewForm = z.object({
  waveSlug: z.string().trim().min(1, "Which wave?").max(200),
  reviewId: z.uuid("This review is unknown. Reload the page."),
  gate: z.string().trim().min(1, "Which gate?").max(200),
  verdict: z.enum(["pass", "fail", "defer"], { error: "Choose pass, fail or defer." }),
  note: z.string().trim().max(2000, "Keep the note to 2,000 characters or fewer."),
});
const StartReview = ReviewForm.pick({ waveSlug: true });
const RecordVerdict = ReviewForm;
const EndReview = ReviewForm.pick({ waveSlug: true, reviewId: true });

export type VerdictResult = { gate: string };
export type EndReviewResult = { summary: string; reviewId: string };

function interHubProblem(error: unknown): string | undefined {
  if (!(error instanceof InterHubError)) return undefined;
  return error.transient
    ? `Inter-Hub is unreachable right now (${error.message}). Nothing was lost: try again in a moment.`
    : `Inter-Hub refused it: ${error.message}.`;
}

function revalidateWave(waveSlug: string) {
  revalidatePath(`/migrations/${waveSlug}`);
  revalidatePath(`/migrations/${waveSlug}/present`);
  revalidatePath(`/migrations/${waveSlug}/reviews`);
}

export async function startReviewAction(_previous: FormState, form: FormData): Promise<FormState> {
  const who = await requireRole("approver");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, StartReview, {
    message: "Which wave? Reload the page and try again.",
  });
  if (!input.ok) return input.state;
  const { waveSlug } = input.data;
  const { model } = await getHubSnapshot(await getCurrentHubSlug());
  if (!findWave(model, waveSlug)) return failed(form, "This wave no longer exists.");
  await startReview(waveSlug, who.actor);
  revalidateWave(waveSlug);
  return done("Review started.");
}

export async function recordVerdictAction(
  _previous: FormState<VerdictResult>,
  form: FormData,
): Promise<FormState<VerdictResult>> {
  const who = await requireRole("approver");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, RecordVerdict, { message: "Check the verdict and the note." });
  if (!input.ok) return input.state;
  const { waveSlug, reviewId, verdict, note } = input.data;

  const review = await getReview(reviewId);
  if (!review || review.waveSlug !== waveSlug || review.endedAt)
    return failed(form, "This review has ended or is not this wave's. Start a new review.");
  const hub = await getCurrentHubSlug();
  const { model } = await getHubSnapshot(hub);
  const wave = findWave(model, waveSlug);
  const gate = wave
    ? gatesOf(model.index, wave).find((g) => g.slug === input.data.gate)
    : undefined;
  if (!gate)
    return invalid(form, { gate: ["This is not a gate of this wave."] }, "Check the gate.");
  const evidence = (await getBoard(waveSlug))?.gates.find((g) => g.gate.slug === gate.slug);
  if (!note && evidence && verdictContradicts(verdict, evidence.evidenceStatus)) {
    const message = contradictionMessage(verdict, GATE_STATUS_WORDS[evidence.evidenceStatus]);
    return invalid(form, { note: [message] }, message);
  }

  try {
    await writeToHub(
      {
        hub,
        kind: "event",
        payload: {
          widgetSlug: gate.slug,
          widgetId: gate.id,
          eventType: VERDICT_EVENTS[verdict],
          viewContext: `ops-hub review ${review.id}`,
          metadata: {
            verdict,
            note,
            reviewId: review.id,
            reviewer: { id: who.actor.id, name: who.actor.name },
            observer: who.actor.name,
          },
        },
      },
      // One key per submission: a retried request never records the verdict twice.
      { via: "direct", idempotencyKey: `ops-hub-verdict-${randomUUID()}`, someoneWaits: true },
    );
  } catch (error) {
    const problem = interHubProblem(error);
    if (!problem) throw error;
    return failed(form, `The verdict was not recorded. ${problem}`);
  }
  revalidateWave(waveSlug);
  return done(`Recorded ${verdict} for “${gate.name}”.`, { result: { gate: gate.slug } });
}

export async function endReviewAction(
  _previous: FormState<EndReviewResult>,
  form: FormData,
): Promise<FormState<EndReviewResult>> {
  const who = await requireRole("approver");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, EndReview, { message: "This review is unknown. Reload the page." });
  if (!input.ok) return input.state;
  const { waveSlug, reviewId } = input.data;
  const review = await getReview(reviewId);
  if (!review || review.waveSlug !== waveSlug || review.endedAt)
    return failed(form, "This review has already ended.");

  let summary: string;
  const endedAt = new Date();
  try {
    const hub = await getCurrentHubSlug();
    const [board, { model }, previous] = await Promise.all([
      getBoard(waveSlug),
      getHubSnapshot(hub),
      getLastEndedReview(waveSlug),
    ]);
    if (!board) return failed(form, "This wave no longer exists.");
    const [verdicts, diff] = await Promise.all([
      listReviewVerdicts(hub, review, model.index),
      previous?.endedAt ? getBoardDiff(waveSlug, new Date(previous.endedAt)) : undefined,
    ]);
    summary = buildReviewSummary({
      board: toBoardView(board, model.index),
      review: {
        id: review.id,
        startedAt: review.startedAt,
        startedBy: review.startedBy.name,
        endedAt: endedAt.toISOString(),
        endedBy: who.actor.name,
      },
      verdicts,
      since: diff ? toSinceLastReview(diff, model.index) : undefined,
    });
  } catch (error) {
    const problem = interHubProblem(error);
    if (!problem) throw error;
    return failed(form, `The review is still open: its summary needs Inter-Hub. ${problem}`);
  }
  if (!(await endReview(review.id, summary, endedAt)))
    return failed(form, "This review has already ended.");
  revalidateWave(waveSlug);
  return done("Review ended.", { result: { summary, reviewId: review.id } });
}
