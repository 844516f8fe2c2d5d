"use client";

import { useLiveQuery } from "@/components/live/use-live-query";
import { Badge } from "@/components/ui/badge";
import { FactList } from "@/components/catalog/fact-list";
import { SignalTime } from "@/components/evidence/signal-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { shortObserver, toFacts } from "@/lib/domain/facts";
import { eventTypeLabel } from "@/lib/domain/item-types";
import type { TimelineData } from "@/lib/domain/timeline";
import { utcMinute } from "@/lib/domain/time";

const POLL_MS = 15_000;

async function fetchTimeline(slug: string, signal: AbortSignal): Promise<TimelineData> {
  const response = await fetch(`/api/items/${encodeURIComponent(slug)}/timeline`, {
    cache: "no-store",
    signal,
  });
  if (!response.ok) throw new Error(`timeline answered ${response.status}`);
  return response.json() as Promise<TimelineData>;
}

/** An item's events and annotations, newest first, refreshing itself while the page is open. */
export function EvidenceTimeline({ slug, initial }: { slug: string; initial: TimelineData }) {
  const { data, isError, dataUpdatedAt, pushed } = useLiveQuery({
    queryKey: ["timeline", slug],
    queryFn: ({ signal }) => fetchTimeline(slug, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.now),
    // A fresh server render (after a write on this page) brings newer data than the last poll.
    supersedes: (fresh, cached) => fresh.now > cached.now,
    refetchInterval: POLL_MS,
    // Changes are pushed; the poll is the fallback while the stream is down.
    stream: "/api/live",
  });
  const now = new Date(data.now);
  return (
    <div>
      <p className="mb-3 text-xs text-slate-600" aria-live="polite">
        {isError
          ? `Could not refresh; showing what was read at ${new Date(dataUpdatedAt).toISOString().slice(11, 19)} UTC.`
          : pushed
            ? "Updates as evidence arrives."
            : `Refreshes every ${POLL_MS / 1000} s.`}
      </p>
      {data.entries.length === 0 ? (
        <p className="text-slate-600">No evidence or annotations recorded for this item yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Evidence timeline, newest first">
          {data.entries.map((entry) =>
            entry.kind === "event" ? (
              <li key={entry.id} className="rounded-lg border border-slate-200 p-3">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-semibold">{eventTypeLabel(entry.type)}</span>
                  {entry.outcome === "pass" ? <Badge tone="good">✓ pass</Badge> : null}
                  {entry.outcome === "fail" ? <Badge tone="bad">✕ fail</Badge> : null}
                  <span className="text-sm text-slate-600">
                    observed <SignalTime at={entry.at} now={now} />
                    {entry.observer ? ` by ${shortObserver(entry.observer)}` : null}
                  </span>
                </div>
                {entry.note ? (
                  <p className="mt-1 text-sm whitespace-pre-wrap">{entry.note}</p>
                ) : null}
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs font-medium text-sky-800">
                    Details
                  </summary>
                  <FactList
                    className="mt-2 text-xs"
                    facts={toFacts([
                      ["eventType", entry.type],
                      ["context", entry.viewContext],
                      ["observer", entry.observer],
                      ["recordedAt", utcMinute(entry.recordedAt)],
                      ...entry.metadata,
                    ])}
                  />
                </details>
              </li>
            ) : (
              <li key={entry.id} className="rounded-lg border border-amber-200 bg-amber-50/50 p-3">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-semibold">Annotation</span>
                  <Badge tone="warn">{entry.category}</Badge>
                  {entry.resolved ? <Badge tone="good">resolved</Badge> : null}
                  {entry.resolves ? <Badge>resolution</Badge> : null}
                  <span className="text-sm text-slate-600">
                    <RelativeTime at={entry.at} now={now} />
                  </span>
                </div>
                <p className="mt-1 text-sm whitespace-pre-wrap">{entry.body}</p>
              </li>
            ),
          )}
        </ol>
      )}
    </div>
  );
}
