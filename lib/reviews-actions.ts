"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { hasRole } from "@/lib/domain/roles";
import { getSessionUser } from "@/lib/auth/session";
import { markHubChanged } from "@/lib/hub-changes";
import { getInterHub } from "@/lib/interhub";
import { InterHubError } from "@/lib/interhub/errors";
import { getBoard, getBoardDiff } from "@/lib/data/board";
import { findWave } from "@/lib/domain/waves";
import { toBoardView } from "@/lib/domain/board-view";
import { gatesOf, VERDICT_EVENTS } from "@/lib/domain/gates";
import { getCatalogModel } from "@/lib/data/snapshot";
import {
  endReview,
  getLastEndedReview,
  getReview,
  listReviewVerdicts,
  startReview,
} from "@/lib/data/reviews";
import { buildReviewSummary, toSinceLastReview } from "@/lib/domain/review-summary";

/**
 * A migration review's three steps. Each is a public POST endpoint:
 * authenticate → approver or admin → parse → write → revalidate → answer.
 * The reviewer's identity always comes from the session, never from the form.
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

type FieldErrors = Partial<Record<keyof z.infer<typeof ReviewForm>, string[]>>;

export type StartReviewState = { error?: string };
export type VerdictState = {
  status?: "recorded" | "error";
  message?: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, so a failure never loses it. */
  values?: { note?: string; verdict?: string };
  /** The gate the last answer is about. */
  gate?: string;
};
export type EndReviewState = { error?: string; summary?: string; reviewId?: string };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

type Reviewer = { user: { id: string; name: string } } | { error: string };

async function reviewer(): Promise<Reviewer> {
  const user = await getSessionUser();
  if (!user) return { error: "Your session has ended. Sign in again, then retry." };
  if (!hasRole(user.role, "approver"))
    return { error: "Only approvers and admins may run a migration review." };
  return { user: { id: user.id, name: user.name } };
}

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

export async function startReviewAction(
  _previous: StartReviewState,
  form: FormData,
): Promise<StartReviewState> {
  const who = await reviewer();
  if ("error" in who) return { error: who.error };
  const parsed = StartReview.safeParse({ waveSlug: text(form, "waveSlug") });
  if (!parsed.success) return { error: "Which wave? Reload the page and try again." };
  const { waveSlug } = parsed.data;
  if (!findWave(await getCatalogModel(), waveSlug)) return { error: "This wave no longer exists." };
  await startReview(waveSlug, who.user);
  revalidateWave(waveSlug);
  return {};
}

export async function recordVerdictAction(
  _previous: VerdictState,
  form: FormData,
): Promise<VerdictState> {
  const values = { note: text(form, "note") ?? "", verdict: text(form, "verdict") };
  const gateSlug = text(form, "gate");
  const failed = (message: string, fieldErrors?: FieldErrors): VerdictState => ({
    status: "error",
    message,
    fieldErrors,
    values,
    gate: gateSlug,
  });

  const who = await reviewer();
  if ("error" in who) return failed(who.error);
  const parsed = RecordVerdict.safeParse({
    waveSlug: text(form, "waveSlug"),
    reviewId: text(form, "reviewId"),
    gate: gateSlug,
    verdict: values.verdict,
    note: values.note,
  });
  if (!parsed.success)
    return failed("Check the verdict and the note.", z.flattenError(parsed.error).fieldErrors);
  const { waveSlug, reviewId, verdict, note } = parsed.data;

  const review = await getReview(reviewId);
  if (!review || review.waveSlug !== waveSlug || review.endedAt)
    return failed("This review has ended or is not this wave's. Start a new review.");
  const model = await getCatalogModel();
  const wave = findWave(model, waveSlug);
  const gate = wave
    ? gatesOf(model.index, wave).find((g) => g.slug === parsed.data.gate)
    : undefined;
  if (!gate) return failed("Check the gate.", { gate: ["This is not a gate of this wave."] });

  try {
    const client = await getInterHub();
    await client.createEvent(
      {
        widgetId: gate.id,
        eventType: VERDICT_EVENTS[verdict],
        viewContext: `ops-hub review ${review.id}`,
        metadata: {
          verdict,
          note,
          reviewId: review.id,
          reviewer: who.user,
          observer: who.user.name,
        },
      },
      // One key per submission: a retried request never records the verdict twice.
      `ops-hub-verdict-${randomUUID()}`,
    );
  } catch (error) {
    const problem = interHubProblem(error);
    if (!problem) throw error;
    return failed(`The verdict was not recorded. ${problem}`);
  }
  markHubChanged();
  revalidateWave(waveSlug);
  return {
    status: "recorded",
    message: `Recorded ${verdict} for “${gate.name}”.`,
    gate: gate.slug,
  };
}

export async function endReviewAction(
  _previous: EndReviewState,
  form: FormData,
): Promise<EndReviewState> {
  const who = await reviewer();
  if ("error" in who) return { error: who.error };
  const parsed = EndReview.safeParse({
    waveSlug: text(form, "waveSlug"),
    reviewId: text(form, "reviewId"),
  });
  if (!parsed.success) return { error: "This review is unknown. Reload the page." };
  const { waveSlug, reviewId } = parsed.data;
  const review = await getReview(reviewId);
  if (!review || review.waveSlug !== waveSlug || review.endedAt)
    return { error: "This review has already ended." };

  let summary: string;
  const endedAt = new Date();
  try {
    const [board, model, previous] = await Promise.all([
      getBoard(waveSlug),
      getCatalogModel(),
      getLastEndedReview(waveSlug),
    ]);
    if (!board) return { error: "This wave no longer exists." };
    const [verdicts, diff] = await Promise.all([
      listReviewVerdicts(review, model.index),
      previous?.endedAt ? getBoardDiff(waveSlug, new Date(previous.endedAt)) : undefined,
    ]);
    summary = buildReviewSummary({
      board: toBoardView(board, model.index),
      review: {
        id: review.id,
        startedAt: review.startedAt,
        startedBy: review.startedBy.name,
        endedAt: endedAt.toISOString(),
        endedBy: who.user.name,
      },
      verdicts,
      since: diff ? toSinceLastReview(diff, model.index) : undefined,
    });
  } catch (error) {
    const problem = interHubProblem(error);
    if (!problem) throw error;
    return { error: `The review is still open: its summary needs Inter-Hub. ${problem}` };
  }
  if (!(await endReview(review.id, summary, endedAt)))
    return { error: "This review has already ended." };
  revalidateWave(waveSlug);
  return { summary, reviewId: review.id };
}
