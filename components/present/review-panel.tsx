"use client";

import Link from "next/link";
import { useActionState, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { IDLE, isRefused, type FormState } from "@/lib/actions/form-state";
import {
  endReviewAction,
  recordVerdictAction,
  startReviewAction,
  type EndReviewResult,
  type VerdictResult,
} from "@/lib/actions/reviews";
import type { Verdict } from "@/lib/domain/review-summary";
import { clockUtc } from "./format";
import type { PresentCommand } from "./keys";
import { Kbd, VERDICT_LOOK, VerdictMark } from "./marks";

export type ReviewPanelProps = {
  waveSlug: string;
  reviewsHref: string;
  /** The wave's open review, if any, with the latest verdict per gate recorded in it. */
  open?: {
    id: string;
    startedAt: string;
    startedBy: string;
    verdicts: Record<string, { verdict: Verdict; note: string; reviewer: string; at: string }>;
  };
};

export type ReviewKeys = { command: (command: PresentCommand) => boolean };

const VERDICTS: { verdict: Verdict; key: string }[] = [
  { verdict: "pass", key: "1" },
  { verdict: "fail", key: "2" },
  { verdict: "defer", key: "3" },
];

const FIELD_NAMES: Record<string, string> = {
  note: "Note",
  verdict: "Verdict",
  gate: "Gate",
  reviewId: "Review",
  waveSlug: "Wave",
};

const button =
  "rounded-xl px-4 py-2 text-xl font-semibold disabled:opacity-60 focus-visible:outline-sky-300";

/** Start a review, record a verdict on the current gate, end it with a summary to paste. */
export function ReviewPanel({
  waveSlug,
  reviewsHref,
  open,
  gate,
  gateCount,
  onRecorded,
  ref,
}: ReviewPanelProps & {
  gate: { slug: string; name: string };
  gateCount: number;
  onRecorded: () => void;
  ref?: Ref<ReviewKeys>;
}) {
  const [startState, startAction, starting] = useActionState<FormState, FormData>(
    startReviewAction,
    IDLE,
  );
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [verdictState, verdictAction, recording] = useActionState<
    FormState<VerdictResult>,
    FormData
  >(async (previous, form) => {
    const next = await recordVerdictAction(previous, form);
    if (next.result) {
      const gateSlug = next.result.gate;
      setNotes((all) => ({ ...all, [gateSlug]: "" }));
    }
    return next;
  }, IDLE);
  const [endState, endAction, ending] = useActionState<FormState<EndReviewResult>, FormData>(
    endReviewAction,
    IDLE,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const buttons = useRef<Partial<Record<Verdict, HTMLButtonElement | null>>>({});

  useEffect(() => {
    if (verdictState.status === "done") onRecorded();
  }, [verdictState, onRecorded]);

  useImperativeHandle(
    ref,
    () => ({
      command(command) {
        if (!open) return false;
        if (command === "note") {
          noteRef.current?.focus();
          return true;
        }
        if (command !== "pass" && command !== "fail" && command !== "defer") return false;
        const submitter = buttons.current[command];
        if (!submitter || recording) return true;
        formRef.current?.requestSubmit(submitter);
        return true;
      },
    }),
    [open, recording],
  );

  const note = notes[gate.slug] ?? "";
  const recorded = open?.verdicts[gate.slug];
  const errors = verdictState.fieldErrors;
  const reviewed = open ? Object.keys(open.verdicts).length : 0;

  return (
    <section
      aria-labelledby="review-title"
      className="rounded-2xl border-2 border-sky-400 bg-slate-900 p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1">
        <h2 id="review-title" className="text-2xl font-semibold">
          {open ? "Review in progress" : "Review"}
        </h2>
        {open ? (
          <p className="text-lg text-slate-300">
            Started {clockUtc(open.startedAt)} by {open.startedBy}; {reviewed} of {gateCount} gates
            have a verdict.
          </p>
        ) : null}
        <Link href={reviewsHref} className="text-lg text-sky-200 underline underline-offset-4">
          Past reviews
        </Link>
      </div>
      {open ? (
        <>
          <form
            ref={formRef}
            action={verdictAction}
            className="mt-3 grid gap-x-6 gap-y-3 lg:grid-cols-[minmax(0,1fr)_auto]"
            noValidate
          >
            <input type="hidden" name="waveSlug" value={waveSlug} />
            <input type="hidden" name="reviewId" value={open.id} />
            <input type="hidden" name="gate" value={gate.slug} />
            <div>
              <label htmlFor="verdict-note" className="block text-xl">
                Note on “{gate.name}”<Kbd>n</Kbd>
              </label>
              <textarea
                id="verdict-note"
                ref={noteRef}
                name="note"
                rows={2}
                maxLength={2000}
                value={note}
                aria-keyshortcuts="n"
                aria-invalid={errors?.note ? true : undefined}
                aria-describedby="verdict-note-hint verdict-errors"
                onChange={(event) => {
                  const value = event.target.value;
                  setNotes((all) => ({ ...all, [gate.slug]: value }));
                }}
                onKeyDown={(event) => {
                  // Leave the note with Esc, so the verdict keys work again.
                  if (event.key === "Escape") {
                    event.preventDefault();
                    event.currentTarget.blur();
                  }
                }}
                className="mt-1 block w-full rounded-xl border-2 border-slate-500 bg-slate-950 p-3 text-xl text-slate-50"
              />
              <p id="verdict-note-hint" className="mt-1 text-base text-slate-300">
                Esc leaves the note; then 1, 2 or 3 records the verdict.
              </p>
            </div>
            <div className="space-y-3">
              <div role="group" aria-label="Verdict" className="flex flex-wrap gap-3 lg:mt-8">
                {VERDICTS.map(({ verdict, key }) => (
                  <button
                    key={verdict}
                    ref={(element) => {
                      buttons.current[verdict] = element;
                    }}
                    type="submit"
                    name="verdict"
                    value={verdict}
                    disabled={recording}
                    aria-keyshortcuts={key}
                    className={`${button} ring-2 ring-inset ${VERDICT_LOOK[verdict].className}`}
                  >
                    <span aria-hidden="true">{VERDICT_LOOK[verdict].icon} </span>
                    {verdict === "pass" ? "Pass" : verdict === "fail" ? "Fail" : "Defer"}
                    <Kbd>{key}</Kbd>
                  </button>
                ))}
              </div>
            </div>
            <div id="verdict-errors" aria-live="polite" className="text-lg lg:col-span-2">
              {verdictState.message ? (
                <p className={isRefused(verdictState) ? "text-red-200" : "text-emerald-200"}>
                  {verdictState.message}
                </p>
              ) : null}
              {Object.entries(errors ?? {}).map(([field, messages]) => (
                <p key={field} className="text-red-200">
                  {FIELD_NAMES[field] ?? field}: {messages?.join(" ")}
                </p>
              ))}
            </div>
          </form>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-4 border-t border-slate-700 pt-3 text-lg">
            {recorded ? (
              <p className="flex flex-wrap items-center gap-2">
                In this review: <VerdictMark verdict={recorded.verdict} /> by {recorded.reviewer},{" "}
                {clockUtc(recorded.at)}
                {recorded.note ? <span className="text-slate-300">“{recorded.note}”</span> : null}
              </p>
            ) : (
              <p className="text-slate-300">No verdict on this gate in this review yet.</p>
            )}
            <form action={endAction}>
              <input type="hidden" name="waveSlug" value={waveSlug} />
              <input type="hidden" name="reviewId" value={open.id} />
              <button
                type="submit"
                disabled={ending}
                className={`${button} border-2 border-slate-300 hover:bg-slate-800`}
              >
                {ending ? "Ending…" : "End review"}
              </button>
            </form>
          </div>
          <p aria-live="polite" className="text-lg text-red-200">
            {isRefused(endState) ? endState.message : null}
          </p>
        </>
      ) : (
        <form action={startAction} className="mt-3 flex flex-wrap items-center gap-4">
          <input type="hidden" name="waveSlug" value={waveSlug} />
          <button
            type="submit"
            disabled={starting}
            className={`${button} bg-sky-800 text-white ring-2 ring-sky-300 hover:bg-sky-700`}
          >
            {starting ? "Starting…" : "Start review"}
          </button>
          <p aria-live="polite" className="text-lg text-red-200">
            {isRefused(startState) ? startState.message : null}
          </p>
        </form>
      )}
      <SummaryDialog
        key={endState.result?.reviewId}
        summary={endState.result?.summary}
        reviewsHref={reviewsHref}
      />
    </section>
  );
}

/** The summary of the review that just ended, to copy into the workplan. */
function SummaryDialog({ summary, reviewsHref }: { summary?: string; reviewsHref: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (summary && ref.current && !ref.current.open) ref.current.showModal();
  }, [summary]);
  if (!summary) return null;
  return (
    <dialog
      ref={ref}
      aria-labelledby="summary-title"
      className="m-auto max-h-[90dvh] w-[min(72rem,95vw)] rounded-2xl border border-slate-500 bg-slate-900 p-6 text-slate-50 backdrop:bg-black/75"
    >
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 id="summary-title" className="text-3xl font-bold">
          Review summary
        </h2>
        <div className="flex items-center gap-3">
          <CopyButton
            text={summary}
            label="Copy Markdown"
            className="rounded-xl border-2 border-slate-300 px-4 py-1.5 text-lg font-semibold hover:bg-slate-800"
          />
          <button
            type="button"
            onClick={() => ref.current?.close()}
            className="rounded-xl border-2 border-slate-300 px-4 py-1.5 text-lg font-semibold hover:bg-slate-800"
          >
            Close
          </button>
        </div>
      </div>
      <p className="mt-2 text-lg text-slate-300">
        Paste it into the workplan. It is kept with the{" "}
        <Link href={reviewsHref} className="text-sky-200 underline underline-offset-4">
          past reviews
        </Link>{" "}
        for the next review&apos;s “since last review”.
      </p>
      <pre
        tabIndex={0}
        aria-label="Review summary as Markdown"
        className="mt-4 max-h-[60dvh] overflow-auto rounded-xl bg-slate-950 p-4 text-base whitespace-pre-wrap"
      >
        {summary}
      </pre>
    </dialog>
  );
}
