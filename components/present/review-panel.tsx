"use client";

import { useActionState, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { Icon } from "@/components/gates/icons";
import { CopyButton } from "@/components/ui/copy-button";
import { IDLE, isRefused, type FormState } from "@/lib/actions/form-state";
import {
  endReviewAction,
  recordVerdictAction,
  startReviewAction,
  type EndReviewResult,
  type VerdictResult,
} from "@/lib/actions/reviews";
import { GATE_STATUS_WORDS } from "@/lib/domain/gate-words";
import type { GateStatus } from "@/lib/domain/gates";
import type { Verdict } from "@/lib/domain/review-summary";
import { contradictionMessage, verdictContradicts } from "@/lib/domain/verdict-rules";
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

const VERDICTS: { verdict: Verdict; key: string; label: string }[] = [
  { verdict: "pass", key: "1", label: "Pass" },
  { verdict: "fail", key: "2", label: "Fail" },
  { verdict: "defer", key: "3", label: "Defer" },
];

const FIELD_NAMES: Record<string, string> = {
  note: "Note",
  verdict: "Verdict",
  gate: "Gate",
  reviewId: "Review",
  waveSlug: "Wave",
};

const button =
  "rounded-xl px-4 py-1 font-semibold whitespace-nowrap disabled:opacity-60 focus-visible:outline-sky-300";

/** Start a review, record a verdict on the current gate, end it with a summary to paste. */
export function ReviewPanel({
  waveSlug,
  reviewsHref,
  open,
  gate,
  gates,
  onRecorded,
  ref,
}: ReviewPanelProps & {
  gate: { slug: string; name: string; evidenceStatus: GateStatus };
  gates: { slug: string; name: string }[];
  onRecorded: () => void;
  ref?: Ref<ReviewKeys>;
}) {
  const [startState, startAction, starting] = useActionState<FormState, FormData>(
    startReviewAction,
    IDLE,
  );
  const [notes, setNotes] = useState<Record<string, string>>({});
  // A refusal made here, before the server is asked (a contradicting verdict without a note).
  const [refusal, setRefusal] = useState<{ gate: string; message: string }>();
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
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const startForm = useRef<HTMLFormElement>(null);
  const verdictForm = useRef<HTMLFormElement>(null);
  const endForm = useRef<HTMLFormElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const buttons = useRef<Partial<Record<Verdict, HTMLButtonElement | null>>>({});

  useEffect(() => {
    if (verdictState.status === "done") onRecorded();
  }, [verdictState, onRecorded]);

  const unreviewed = open ? gates.filter((g) => !open.verdicts[g.slug]) : [];
  const requestEnd = () => {
    if (unreviewed.length > 0) setConfirmingEnd(true);
    else endForm.current?.requestSubmit();
  };

  useImperativeHandle(ref, () => ({
    command(command) {
      if (!open) {
        if (command !== "start-review") return false;
        if (!starting) startForm.current?.requestSubmit();
        return true;
      }
      if (command === "end-review") {
        if (!ending) requestEnd();
        return true;
      }
      if (command === "note") {
        noteRef.current?.focus();
        return true;
      }
      if (command !== "pass" && command !== "fail" && command !== "defer") return false;
      const submitter = buttons.current[command];
      if (!submitter || recording) return true;
      verdictForm.current?.requestSubmit(submitter);
      return true;
    },
  }));

  const note = notes[gate.slug] ?? "";
  const recorded = open?.verdicts[gate.slug];
  const errors = verdictState.fieldErrors;
  const localRefusal = refusal?.gate === gate.slug ? refusal.message : undefined;

  // A verdict against the evidence needs a note: asked for here at once, and checked again by the server.
  const onVerdict = (event: React.FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const verdict = submitter instanceof HTMLButtonElement ? (submitter.value as Verdict) : null;
    if (!verdict || note.trim() || !verdictContradicts(verdict, gate.evidenceStatus)) {
      setRefusal(undefined);
      return;
    }
    event.preventDefault();
    setRefusal({
      gate: gate.slug,
      message: contradictionMessage(verdict, GATE_STATUS_WORDS[gate.evidenceStatus]),
    });
    noteRef.current?.focus();
  };

  return (
    <section
      aria-labelledby="review-title"
      className="rounded-2xl border-2 border-sky-400 bg-slate-900 px-5 py-3"
    >
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 id="review-title" className="font-semibold">
          {open ? "Review in progress" : "Review"}
        </h2>
        {open ? (
          <p className="text-slate-300">
            · {Object.keys(open.verdicts).length} of {gates.length} gates have a verdict · started{" "}
            {clockUtc(open.startedAt).slice(0, 5)} UTC by {open.startedBy}
          </p>
        ) : null}
      </div>
      {open ? (
        <>
          <form
            ref={verdictForm}
            action={verdictAction}
            onSubmit={onVerdict}
            className="mt-2 grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2"
            noValidate
          >
            <input type="hidden" name="waveSlug" value={waveSlug} />
            <input type="hidden" name="reviewId" value={open.id} />
            <input type="hidden" name="gate" value={gate.slug} />
            <label htmlFor="verdict-note" className="whitespace-nowrap">
              Note<span className="sr-only"> on “{gate.name}”</span>
              <Kbd>n</Kbd>
            </label>
            <div>
              <textarea
                id="verdict-note"
                ref={noteRef}
                name="note"
                rows={1}
                maxLength={2000}
                value={note}
                placeholder="Why this verdict"
                aria-keyshortcuts="n"
                aria-invalid={errors?.note || localRefusal ? true : undefined}
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
                className="block w-full resize-none rounded-xl border-2 border-slate-500 bg-slate-950 px-3 py-1 text-slate-50 aria-[invalid=true]:border-red-400"
              />
              <p id="verdict-note-hint" className="sr-only">
                Esc leaves the note; then 1, 2 or 3 records the verdict.
              </p>
            </div>
            <div role="group" aria-label="Verdict" className="flex gap-3">
              {VERDICTS.map(({ verdict, key, label }) => (
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
                  className={`${button} inline-flex items-center gap-2 ring-2 ring-inset ${VERDICT_LOOK[verdict].className}`}
                >
                  <Icon name={VERDICT_LOOK[verdict].icon} />
                  {label}
                  <Kbd>{key}</Kbd>
                </button>
              ))}
            </div>
            <div id="verdict-errors" aria-live="polite" className="col-span-3 empty:hidden">
              {localRefusal ? <p className="text-red-200">{localRefusal}</p> : null}
              {!localRefusal && verdictState.message ? (
                <p className={isRefused(verdictState) ? "text-red-200" : "text-emerald-200"}>
                  {verdictState.message}
                </p>
              ) : null}
              {localRefusal
                ? null
                : Object.entries(errors ?? {}).flatMap(([field, messages]) =>
                    (messages ?? []).map((message) => (
                      <p key={`${field}-${message}`} className="text-red-200">
                        {FIELD_NAMES[field] ?? field}: {message}
                      </p>
                    )),
                  )}
            </div>
          </form>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            {recorded ? (
              <p className="flex min-w-0 flex-wrap items-center gap-2">
                In this review: <VerdictMark verdict={recorded.verdict} /> by {recorded.reviewer},{" "}
                {clockUtc(recorded.at)}
              </p>
            ) : (
              <p className="text-slate-300">No verdict on this gate in this review yet.</p>
            )}
            <form ref={endForm} action={endAction} className="ml-auto flex items-center gap-5">
              <a href={reviewsHref} className="text-sky-200 underline underline-offset-4">
                Past reviews
              </a>
              <input type="hidden" name="waveSlug" value={waveSlug} />
              <input type="hidden" name="reviewId" value={open.id} />
              <button
                type="button"
                onClick={requestEnd}
                disabled={ending}
                aria-keyshortcuts="e"
                className={`${button} border-2 border-slate-300 hover:bg-slate-800`}
              >
                {ending ? "Ending…" : "End review"}
                <Kbd>e</Kbd>
              </button>
            </form>
          </div>
          {isRefused(endState) ? (
            <p aria-live="polite" className="text-red-200">
              {endState.message}
            </p>
          ) : null}
          <EndReviewDialog
            open={confirmingEnd}
            unreviewed={unreviewed}
            onCancel={() => setConfirmingEnd(false)}
            onConfirm={() => {
              setConfirmingEnd(false);
              endForm.current?.requestSubmit();
            }}
          />
        </>
      ) : (
        <form
          ref={startForm}
          action={startAction}
          className="mt-2 flex flex-wrap items-center gap-4"
        >
          <input type="hidden" name="waveSlug" value={waveSlug} />
          <button
            type="submit"
            disabled={starting}
            aria-keyshortcuts="s"
            className={`${button} bg-sky-800 text-white ring-2 ring-sky-300 hover:bg-sky-700`}
          >
            {starting ? "Starting…" : "Start review"}
            <Kbd>s</Kbd>
          </button>
          {isRefused(startState) ? (
            <p aria-live="polite" className="text-red-200">
              {startState.message}
            </p>
          ) : null}
          <a href={reviewsHref} className="ml-auto text-sky-200 underline underline-offset-4">
            Past reviews
          </a>
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

/** Ending a review with gates that have no verdict is allowed, but never by accident. */
function EndReviewDialog({
  open,
  unreviewed,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  unreviewed: { slug: string; name: string }[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="end-review-title"
      onClose={onCancel}
      className="m-auto max-h-[90dvh] w-[min(70rem,95vw)] rounded-2xl border-2 border-amber-400 bg-slate-900 p-8 text-[1.75rem] text-slate-50 backdrop:bg-black/75"
    >
      {open ? (
        <>
          <h2 id="end-review-title" className="flex items-center gap-3 text-[2.25rem] font-bold">
            <Icon name="warning" className="text-amber-300" />
            {unreviewed.length} {unreviewed.length === 1 ? "gate has" : "gates have"} no verdict yet
          </h2>
          <p className="mt-2 text-slate-200">
            Ending the review now leaves them unreviewed in its summary:
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-8">
            {unreviewed.map((g) => (
              <li key={g.slug}>{g.name}</li>
            ))}
          </ul>
          <div className="mt-6 flex flex-wrap gap-4">
            <button
              type="button"
              autoFocus
              onClick={onCancel}
              className={`${button} bg-sky-800 text-white ring-2 ring-sky-300 hover:bg-sky-700`}
            >
              Keep reviewing
            </button>
            <button
              type="button"
              onClick={onConfirm}
              className={`${button} border-2 border-amber-300 hover:bg-slate-800`}
            >
              End review anyway
            </button>
          </div>
        </>
      ) : null}
    </dialog>
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
      className="m-auto max-h-[90dvh] w-[min(90rem,95vw)] rounded-2xl border border-slate-500 bg-slate-900 p-6 text-[1.5rem] text-slate-50 backdrop:bg-black/75"
    >
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 id="summary-title" className="text-[2.25rem] font-bold">
          Review summary
        </h2>
        <div className="flex items-center gap-3">
          <CopyButton
            text={summary}
            label="Copy Markdown"
            className="rounded-xl border-2 border-slate-300 px-4 py-1.5 font-semibold hover:bg-slate-800"
          />
          <button
            type="button"
            onClick={() => ref.current?.close()}
            className="rounded-xl border-2 border-slate-300 px-4 py-1.5 font-semibold hover:bg-slate-800"
          >
            Close
          </button>
        </div>
      </div>
      <p className="mt-2 text-slate-300">
        Paste it into the workplan. It is kept with the{" "}
        <a href={reviewsHref} className="text-sky-200 underline underline-offset-4">
          past reviews
        </a>{" "}
        for the next review&apos;s “since last review”.
      </p>
      <pre
        tabIndex={0}
        aria-label="Review summary as Markdown"
        className="mt-4 max-h-[60dvh] overflow-auto rounded-xl bg-slate-950 p-4 text-[1.25rem] whitespace-pre-wrap"
      >
        {summary}
      </pre>
    </dialog>
  );
}
