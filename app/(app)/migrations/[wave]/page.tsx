import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcceptanceLine } from "@/components/gates/acceptance-line";
import { GateProvenance } from "@/components/gates/gate-provenance";
import { GateStatusBadge } from "@/components/gates/gate-status";
import { GoBadge } from "@/components/gates/go-badge";
import { countTone } from "@/components/ui/count-tone";
import { Icon } from "@/components/gates/icons";
import { GateAcceptRisk } from "@/components/risks/gate-accept-risk";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getBoard, getBoardDiff } from "@/lib/data/board";
import { toBoardView } from "@/lib/domain/board-view";
import { GATE_STATUS_WORDS } from "@/lib/domain/gate-words";
import type { GateStatus } from "@/lib/domain/gates";
import { getCatalogModel } from "@/lib/data/snapshot";
import { utcMinute } from "@/lib/domain/time";
import { RefreshOnChange } from "@/components/live/refresh-on-change";

type Props = {
  params: Promise<{ wave: string }>;
  searchParams: Promise<{ asOf?: string; since?: string }>;
};

export const metadata: Metadata = { title: "Gate board" };

/** `2026-11-20T09:00` (a datetime-local field, read as UTC) or any ISO time; undefined when absent or unreadable. */
function readInstant(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const localValue = (date: Date | undefined) => (date ? date.toISOString().slice(0, 16) : "");

const SUMMARY_ORDER: GateStatus[] = [
  "passed",
  "risk-accepted",
  "stale",
  "failing",
  "blocked",
  "unknown",
];
const STATUS_TONE = {
  passed: "good",
  "risk-accepted": "neutral",
  stale: "warn",
  failing: "bad",
  blocked: "bad",
  unknown: "neutral",
} as const;

export default async function WavePage({ params, searchParams }: Props) {
  const { wave: slug } = await params;
  const query = await searchParams;
  const asOf = readInstant(query.asOf);
  const since = readInstant(query.since);
  const [board, diff, model] = await Promise.all([
    getBoard(slug, asOf),
    since ? getBoardDiff(slug, since) : Promise.resolve(undefined),
    getCatalogModel(),
  ]);
  if (!board) notFound();
  const view = toBoardView(board, model.index);
  const gateNames = (slugs: string[]) =>
    slugs.map((slug) => model.index.bySlug.get(slug)?.name ?? slug).join(", ");
  const now = new Date(view.asOf ?? view.now);
  const exportQuery = asOf ? `&asOf=${asOf.toISOString()}` : "";
  // "0 passed · 2 risk accepted · 6 failing": passed always, then each status some gate has.
  const summary = SUMMARY_ORDER.map((status) => ({
    status,
    count: view.gates.filter((g) => g.status === status).length,
  })).filter(({ status, count }) => status === "passed" || count > 0);

  return (
    <>
      {asOf ? null : <RefreshOnChange />}
      <PageHeader
        title={view.wave.name}
        description={`${view.wave.from ?? "?"} → ${view.wave.to ?? "?"}: readiness gates, with status derived from evidence.`}
      >
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <GoBadge go={view.go} />
          <Link
            href={`/migrations/${slug}/present`}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-white"
          >
            Present
          </Link>
          <Link href={`/migrations/${slug}/reviews`} className="underline">
            Reviews
          </Link>
          <span>
            Export:{" "}
            <a
              className="underline"
              href={`/api/migrations/${slug}/export?format=md${exportQuery}`}
            >
              Markdown
            </a>{" "}
            ·{" "}
            <a
              className="underline"
              href={`/api/migrations/${slug}/export?format=json${exportQuery}`}
            >
              JSON
            </a>
          </span>
        </div>
      </PageHeader>

      <section
        aria-labelledby="status-summary"
        className="mb-4 rounded-xl border border-slate-200 bg-white p-4"
      >
        <h2 id="status-summary" className="sr-only">
          Status of the gates
        </h2>
        <p className="text-lg">
          {summary.map(({ status, count }, index) => (
            <span key={status}>
              {index > 0 ? " · " : null}
              <span className={countTone(count, STATUS_TONE[status])}>
                {count} {GATE_STATUS_WORDS[status]}
              </span>
            </span>
          ))}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          {view.go ? (
            "Nothing holds the wave."
          ) : (
            <>
              {view.holding.length === 1 ? "1 gate holds" : `${view.holding.length} gates hold`} the
              wave: gate{" "}
              {view.gates
                .filter((g) => view.holding.includes(g.slug))
                .map((g, index) => (
                  <span key={g.slug}>
                    {index > 0 ? ", " : null}
                    <a
                      href={`#gate-${g.slug}`}
                      className="underline"
                      aria-label={`Gate ${g.order}, ${g.name}: ${GATE_STATUS_WORDS[g.status]}`}
                    >
                      {g.order}
                    </a>
                  </span>
                ))}
              .
            </>
          )}
        </p>
      </section>

      {asOf ? (
        <p
          role="status"
          className="mb-4 rounded-lg border border-sky-300 bg-sky-50 px-4 py-2 text-sky-900"
        >
          Showing the board as it stood at {utcMinute(asOf)}, from the event history.
        </p>
      ) : null}

      <details
        open={Boolean(asOf || since)}
        className="mb-6 rounded-xl border border-slate-200 bg-white px-4 py-2 text-sm"
      >
        <summary className="cursor-pointer font-medium text-sky-800">
          Time travel: the board at another moment, and what changed since
        </summary>
        <form action={`/migrations/${slug}`} className="mt-3 mb-2 flex flex-wrap items-end gap-4">
          <label className="flex flex-col">
            Board as of (UTC)
            <input
              type="datetime-local"
              name="asOf"
              defaultValue={localValue(asOf)}
              className="rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <label className="flex flex-col">
            What changed since (UTC)
            <input
              type="datetime-local"
              name="since"
              defaultValue={localValue(since)}
              className="rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1 text-white">
            Show
          </button>
          {asOf || since ? (
            <Link href={`/migrations/${slug}`} className="underline">
              Back to now
            </Link>
          ) : null}
        </form>
      </details>

      <section
        aria-labelledby="risks"
        className="mb-6 rounded-xl border border-slate-200 bg-white p-4"
      >
        <h2 id="risks" className="mb-2 font-semibold">
          Accepted risks ({view.acceptances.length})
        </h2>
        {view.acceptances.length === 0 ? (
          <p className="text-sm text-slate-600">No active risk acceptance covers these gates.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {view.acceptances.map((a) => (
              <AcceptanceLine
                key={a.id}
                acceptance={a}
                soon={view.expiringSoon.some((s) => s.id === a.id)}
              />
            ))}
          </ul>
        )}
      </section>

      {diff ? (
        <section
          aria-labelledby="changes"
          className="mb-6 rounded-xl border border-slate-200 bg-white p-4 text-sm"
        >
          <h2 id="changes" className="mb-2 font-semibold">
            What changed since {utcMinute(diff.since)}
          </h2>
          {diff.changes.length +
            diff.newEvidence.length +
            diff.newAcceptances.length +
            diff.expiredAcceptances.length ===
          0 ? (
            <p className="text-slate-600">Nothing changed.</p>
          ) : (
            <ul className="space-y-1">
              {diff.changes.map((c) => (
                <li key={c.gate.id}>
                  {c.gate.name}: {GATE_STATUS_WORDS[c.from]} →{" "}
                  <strong>{GATE_STATUS_WORDS[c.to]}</strong>
                </li>
              ))}
              {diff.newEvidence.map((e) => (
                <li key={e.id}>
                  New evidence: <span className="font-mono">{e.type}</span> on{" "}
                  {model.index.byId.get(e.widgetId)?.name ?? "an item"} (
                  {String(e.metadata.outcome ?? "recorded")},{" "}
                  <RelativeTime at={e.createdAt} now={model.now} />)
                </li>
              ))}
              {diff.newAcceptances.map((a) => (
                <li key={a.event.id}>
                  New acceptance: {a.risk?.name ?? "a risk"}, covers {gateNames(a.covers)}
                </li>
              ))}
              {diff.expiredAcceptances.map((a) => (
                <li key={a.event.id}>
                  Expired acceptance: {a.risk?.name ?? "a risk"}, covered {gateNames(a.covers)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <ol className="space-y-3" aria-label="Readiness gates, in order">
        {view.gates.map((gate) => (
          <li
            key={gate.slug}
            id={`gate-${gate.slug}`}
            className="rounded-xl border border-slate-200 bg-white p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h2 className="font-semibold">
                  {gate.order}.{" "}
                  <Link href={`/catalog/${gate.slug}`} className="hover:underline">
                    {gate.name}
                  </Link>
                </h2>
                <p className="text-sm text-slate-700">{gate.evidenceRequirement}</p>
              </div>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <GateStatusBadge status={gate.status} />
                {gate.status !== gate.evidenceStatus ? (
                  <span className="text-slate-600">
                    (evidence: {GATE_STATUS_WORDS[gate.evidenceStatus]})
                  </span>
                ) : null}
                {asOf ? null : <GateAcceptRisk gate={gate} />}
              </div>
            </div>
            <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
              <div>
                <dt className="inline text-slate-600">Owner repo: </dt>
                <dd className="inline font-mono">{gate.ownerRepo ?? "—"}</dd>
              </div>
              <div>
                <dt className="inline text-slate-600">Newest evidence: </dt>
                <dd className="inline">
                  {gate.newest ? <RelativeTime at={gate.newest} now={now} /> : "none"}
                </dd>
              </div>
              <div>
                <dt className="inline text-slate-600">Blockers: </dt>
                <dd className="inline">{gate.blockers.length}</dd>
              </div>
              <div>
                <dt className="inline text-slate-600">Accepted risks: </dt>
                <dd className="inline">{gate.acceptances.length}</dd>
              </div>
              {gate.drift ? (
                <div>
                  <dt className="sr-only">Drift</dt>
                  <dd className="inline">
                    <Badge tone="warn">
                      <Icon name="drift" /> drift
                    </Badge>
                  </dd>
                </div>
              ) : null}
            </dl>
            {/* Open where the answer matters most: a gate that fails or is blocked. */}
            <details className="mt-2" open={gate.status === "failing" || gate.status === "blocked"}>
              <summary className="cursor-pointer text-sm font-medium text-sky-800">
                Why {GATE_STATUS_WORDS[gate.status]}?
              </summary>
              <div className="mt-2">
                <GateProvenance gate={gate} now={now} />
              </div>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
