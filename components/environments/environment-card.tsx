import Link from "next/link";
import { EVIDENCE_LOOK } from "@/components/evidence/evidence-state";
import { countTone } from "@/components/ui/count-tone";
import { Badge, SeedBadge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { EnvironmentSummary } from "@/lib/domain/environments";
import { EVIDENCE_STATES } from "@/lib/domain/evidence";

/** The colour a count of items in each evidence state takes (a zero stays dim). */
const STATE_TONE = { fresh: "good", stale: "warn", failing: "bad", none: "neutral" } as const;

const LIFECYCLE_TONE = {
  "transitional-production": "warn",
  production: "good",
  local: "neutral",
  target: "info",
  retired: "neutral",
} as const;

export function EnvironmentCard({ summary, now }: { summary: EnvironmentSummary; now: Date }) {
  const { widget, metadata, counts, seed, health } = summary;
  const catalogLink = (extra: string) => `/catalog?env=${widget.slug}${extra}`;
  return (
    <article
      aria-labelledby={`env-${widget.slug}`}
      className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`env-${widget.slug}`} className="text-lg font-semibold">
          <Link href={`/catalog/${widget.slug}`} className="hover:underline">
            {widget.name}
          </Link>
        </h3>
        {metadata.ok ? (
          <Badge tone={LIFECYCLE_TONE[metadata.data.lifecycle]}>{metadata.data.lifecycle}</Badge>
        ) : null}
        {seed ? <SeedBadge /> : null}
      </div>
      {metadata.ok ? (
        <>
          <p className="mt-1 text-slate-700">{metadata.data.role}</p>
          {metadata.data.publicIps.length > 0 ? (
            <p className="mt-1 font-mono text-sm text-slate-600">
              {metadata.data.publicIps.join(", ")}
            </p>
          ) : null}
          {metadata.data.notes ? (
            <p className="mt-3 text-sm text-slate-600">{metadata.data.notes}</p>
          ) : null}
        </>
      ) : (
        <p className="mt-2">
          <Badge tone="bad">metadata invalid: {metadata.problem}</Badge>
        </p>
      )}
      <dl className="mt-4 grid grid-cols-4 gap-2 border-t border-slate-100 pt-4 text-center">
        {(
          [
            ["Hosts", counts.hosts, "ops-host"],
            ["Clusters", counts.clusters, "ops-cluster"],
            ["Services", counts.services, "ops-service"],
            ["Endpoints", counts.endpoints, "ops-endpoint"],
          ] as const
        ).map(([label, value, type]) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">
              <Link
                href={catalogLink(`&type=${type}`)}
                className="hover:underline"
                aria-label={`${value} ${label.toLowerCase()} in ${widget.name}`}
              >
                {value}
              </Link>
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 border-t border-slate-100 pt-3 text-sm">
        <h4 className="sr-only">Health from evidence</h4>
        <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Evidence of what runs here">
          {EVIDENCE_STATES.map((state) => (
            <li key={state}>
              <Link
                href={catalogLink(`&evidence=${state}`)}
                className={`hover:underline ${countTone(health.states[state], STATE_TONE[state])}`}
              >
                <span aria-hidden="true">{EVIDENCE_LOOK[state].icon}</span> {health.states[state]}{" "}
                {EVIDENCE_LOOK[state].label}
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-1 text-slate-600">
          {health.newest ? (
            <RelativeTime at={health.newest} now={now} prefix="newest evidence" />
          ) : (
            "no evidence recorded yet"
          )}
        </p>
      </div>
    </article>
  );
}
