"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { GATE_STATUS_LOOK } from "@/components/gates/gate-status";
import { Icon } from "@/components/gates/icons";
import type { GateRiskContext } from "@/components/forms/risk-forms";
import { AcceptGateRisk } from "@/components/risks/accept-gate-risk";
import { useLiveQuery } from "@/components/live/use-live-query";
import type { BoardView } from "@/lib/domain/board-view";
import { needsAcceptance } from "@/lib/domain/gate-policy";
import { clockUtc } from "./format";
import { GateDetail } from "./gate-detail";
import { GateStrip } from "./gate-strip";
import { KeyLegend } from "./key-legend";
import { commandFor } from "./keys";
import { GoMark, Kbd } from "./marks";
import { ReviewPanel, type ReviewKeys, type ReviewPanelProps } from "./review-panel";
import styles from "./present.module.css";
import { ScreenGone, type GoneReason } from "./screen-gone";
import { WaveStatus } from "./wave-status";

// Loaded when first opened: a shared screen shows the board far more often than a gate's provenance.
const ProvenanceDialog = dynamic(() =>
  import("./provenance-dialog").then((dialog) => dialog.ProvenanceDialog),
);

/**
 * Present mode: one wave, full screen, legible from across a room, driven by
 * the keyboard. Changes to the board are pushed over the change stream; while
 * the stream is down it polls (every 15 s; TanStack Query pauses the interval
 * while the tab is hidden), and when a refresh fails it keeps the last data
 * under a stale banner. The shared screen renders the same view,
 * read-only, from its link's endpoint. Its links to the desk pages are plain
 * anchors: leaving the full-screen layout is a page load anyway, and a shared
 * screen need not load the client router's link code.
 */
const POLL_MS = 15_000;

class BoardUnavailable extends Error {
  constructor(
    readonly status: number,
    /** For a shared screen's link: why it no longer shows anything. */
    readonly gone?: GoneReason,
  ) {
    super(`the board answered ${status}`);
    this.name = "BoardUnavailable";
  }
}

async function goneReason(response: Response): Promise<GoneReason> {
  if (response.status !== 410) return "unknown";
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  return body.error === "revoked" ? "revoked" : "expired";
}

async function fetchBoard(endpoint: string, signal: AbortSignal): Promise<BoardView> {
  let response: Response;
  try {
    response = await fetch(endpoint, { cache: "no-store", signal });
  } catch {
    throw new BoardUnavailable(0);
  }
  if (response.status === 404 || response.status === 410)
    throw new BoardUnavailable(response.status, await goneReason(response));
  if (!response.ok) throw new BoardUnavailable(response.status);
  return (await response.json()) as BoardView;
}

function reason(error: unknown): string {
  const status = error instanceof BoardUnavailable ? error.status : 0;
  if (status === 0) return "ops-hub cannot be reached";
  if (status === 401) return "the session has ended: sign in again to refresh";
  if (status === 404) return "this wave was not found";
  return `ops-hub answered ${status}`;
}

const TYPING = "input, textarea, select, [contenteditable]:not([contenteditable='false'])";
const INTERACTIVE = "a[href], button, summary, input, textarea, select, [role='button']";

export type PresentViewProps = {
  initial: BoardView;
  /** The JSON board this view polls. */
  endpoint: string;
  /** The board's key in TanStack Query's cache. */
  queryKey: string[];
  /** 0-based, from `?gate=`. */
  initialGate: number;
  /** "screen": a shared-screen link, read-only; it ends when the link is revoked or expires. */
  mode: "present" | "screen";
  /** Where Esc goes; the shared screen has no way back. */
  boardHref?: string;
  /** Review controls, for approvers and admins. */
  review?: ReviewPanelProps;
  /** "Accept risk…" on failing, stale and blocked gates, for approvers and admins. */
  acceptRisk?: { context: GateRiskContext; scopes: Record<string, string | undefined> };
};

export function PresentView({
  initial,
  endpoint,
  queryKey,
  initialGate,
  mode,
  boardHref,
  review,
  acceptRisk,
}: PresentViewProps) {
  const gone = useCallback(
    (error: unknown) =>
      mode === "screen" &&
      error instanceof BoardUnavailable &&
      (error.status === 404 || error.status === 410),
    [mode],
  );
  const { data, error, isError, isFetching, dataUpdatedAt, pushed, invalidate } = useLiveQuery({
    queryKey,
    queryFn: ({ signal }) => fetchBoard(endpoint, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.now),
    // A server render after a review action carries newer data than the cache.
    supersedes: (fresh, cached) => fresh.now > cached.now,
    refetchInterval: (query) => (gone(query.state.error) ? false : POLL_MS),
    // Changes are pushed; the poll is the fallback while the stream is down.
    stream: mode === "screen" ? `${endpoint}/live` : "/api/live",
    retry: (count, failure) => !gone(failure) && count < 1,
  });

  const count = data.gates.length;
  const [wanted, setWanted] = useState(initialGate);
  const index = Math.min(Math.max(wanted, 0), Math.max(count - 1, 0));
  const gate = data.gates[index];
  const [provenance, setProvenance] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const canAccept = Boolean(acceptRisk && gate && needsAcceptance(gate.status));
  const router = useRouter();
  const reviewKeys = useRef<ReviewKeys>(null);

  const select = useCallback(
    (next: number) => setWanted(Math.min(Math.max(next, 0), Math.max(count - 1, 0))),
    [count],
  );

  // The current gate in the address, so a reload or a shared URL opens the same gate.
  useEffect(() => {
    const url = new URL(window.location.href);
    const param = url.searchParams.get("gate");
    if ((param === null && index === 0) || param === String(index + 1)) return;
    url.searchParams.set("gate", String(index + 1));
    window.history.replaceState(null, "", `${url.pathname}${url.search}`);
  }, [index]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void document.documentElement.requestFullscreen?.().catch(() => {});
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      // Keys inside an open dialog or a text field belong to them (focus can
      // still sit in a dialog that just closed, before it goes back).
      if (target?.closest("dialog[open]") || target?.closest(TYPING)) return;
      const command = commandFor(event);
      if (!command) return;
      // Enter on a focused control activates that control.
      if (event.key === "Enter" && target?.closest(INTERACTIVE)) return;
      switch (command) {
        case "next":
          select(index + 1);
          break;
        case "previous":
          select(index - 1);
          break;
        case "first":
          select(0);
          break;
        case "last":
          select(count - 1);
          break;
        case "provenance":
          if (!gate) return;
          setProvenance(true);
          break;
        case "fullscreen":
          toggleFullscreen();
          break;
        case "accept-risk":
          if (!canAccept) return;
          setAccepting(true);
          break;
        case "back":
          if (document.fullscreenElement) {
            void document.exitFullscreen().catch(() => {});
            break;
          }
          if (!boardHref) return;
          router.push(boardHref);
          break;
        default:
          if (!reviewKeys.current?.command(command)) return;
      }
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, count, gate, select, toggleFullscreen, boardHref, router, canAccept]);

  if (isError && gone(error))
    return <ScreenGone reason={(error as BoardUnavailable).gone ?? "unknown"} />;

  const look = gate ? GATE_STATUS_LOOK[gate.status] : undefined;
  const headerButton =
    "rounded-xl border-2 border-slate-400 px-4 py-0.5 font-semibold whitespace-nowrap hover:bg-slate-800";
  return (
    <div
      className={`${styles.stage} flex h-dvh flex-col overflow-hidden bg-slate-950 text-[1.75rem] leading-snug text-slate-50 portrait:h-auto portrait:min-h-dvh`}
    >
      <header className="flex items-center gap-x-8 border-b border-slate-700 px-10 py-2">
        <div className="min-w-0 flex-1">
          <h1 className="text-[2.5rem] leading-tight font-bold">{data.wave.name}</h1>
          <p className="text-slate-300">
            {mode === "screen" ? "Migration wave · shared screen" : "Present mode"} ·{" "}
            <span className="text-slate-50">
              Data as of{" "}
              <time dateTime={data.asOf ?? data.now}>{clockUtc(data.asOf ?? data.now)}</time>
            </span>{" "}
            · {isFetching ? "refreshing…" : pushed ? "live" : `refreshes every ${POLL_MS / 1000} s`}
          </p>
        </div>
        <p>
          <GoMark go={data.go} />
        </p>
        <div className="flex flex-col items-stretch gap-2">
          <button
            type="button"
            onClick={toggleFullscreen}
            aria-pressed={fullscreen}
            aria-keyshortcuts="f"
            className={headerButton}
          >
            Full screen
            <Kbd>f</Kbd>
          </button>
          {boardHref ? (
            <a href={boardHref} aria-keyshortcuts="Escape b" className={headerButton}>
              Back to the board
              <Kbd>Esc</Kbd>
            </a>
          ) : null}
        </div>
      </header>
      {isError ? (
        <div
          role="alert"
          className="mx-10 mt-2 flex items-start gap-3 rounded-xl border-2 border-amber-400 bg-amber-950 px-5 py-1.5 text-amber-50"
        >
          <Icon name="warning" className="mt-[0.2em]" />
          <p>
            <strong>Stale: not refreshing</strong> ({reason(error)}). Showing the last data, as of{" "}
            {clockUtc(data.asOf ?? data.now)}; last successful refresh at {clockUtc(dataUpdatedAt)}.
            Retrying every {POLL_MS / 1000} s.
          </p>
        </div>
      ) : null}

      <main className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_40rem] gap-x-10 px-10 py-3 portrait:grid-cols-1">
        <div className="flex min-h-0 min-w-0 flex-col gap-3">
          {gate ? (
            <GateDetail
              gate={gate}
              position={index + 1}
              count={count}
              now={data.now}
              onProvenance={() => setProvenance(true)}
              acceptRisk={
                acceptRisk && canAccept ? (
                  <AcceptGateRisk
                    key={gate.slug}
                    gate={{
                      slug: gate.slug,
                      name: gate.name,
                      statusWord: look?.label ?? gate.status,
                      policyScope: acceptRisk.scopes[gate.slug],
                    }}
                    context={acceptRisk.context}
                    open={accepting}
                    onOpenChange={setAccepting}
                    onAccepted={invalidate}
                    buttonClassName="rounded-xl border-2 border-sky-300 bg-sky-950 px-4 py-0.5 font-semibold whitespace-nowrap hover:bg-sky-900"
                  >
                    <Kbd>a</Kbd>
                  </AcceptGateRisk>
                ) : null
              }
            />
          ) : (
            <p className="flex-1">This wave has no readiness gates yet.</p>
          )}
          {review && gate ? (
            <ReviewPanel
              {...review}
              ref={reviewKeys}
              gate={{ slug: gate.slug, name: gate.name, evidenceStatus: gate.evidenceStatus }}
              gates={data.gates.map((g) => ({ slug: g.slug, name: g.name }))}
              onRecorded={invalidate}
            />
          ) : null}
        </div>
        <div className="flex min-h-0 flex-col gap-4 overflow-hidden">
          <GateStrip
            gates={data.gates}
            current={index}
            holding={data.holding.length}
            onSelect={select}
          />
          <WaveStatus board={data} />
        </div>
        <p aria-live="polite" className="sr-only">
          {gate && look ? `Gate ${index + 1} of ${count}: ${gate.name}, ${look.label}.` : ""}
        </p>
        {gate && provenance ? (
          <ProvenanceDialog gate={gate} now={data.now} open onClose={() => setProvenance(false)} />
        ) : null}
      </main>

      <KeyLegend
        applies={{
          always: true,
          "signed-in": Boolean(boardHref),
          accept: canAccept,
          "no-review": Boolean(review && !review.open),
          review: Boolean(review?.open),
        }}
      />
    </div>
  );
}
