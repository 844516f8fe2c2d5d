import Link from "next/link";
import { Badge, SeedBadge } from "@/components/ui/badge";
import type { EnvironmentSummary } from "@/lib/ops/environments";

const LIFECYCLE_TONE = {
  "transitional-production": "warn",
  production: "good",
  local: "neutral",
  target: "info",
  retired: "neutral",
} as const;

export function EnvironmentCard({ summary }: { summary: EnvironmentSummary }) {
  const { widget, metadata, counts, seed } = summary;
  return (
    <article
      aria-labelledby={`env-${widget.slug}`}
      className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`env-${widget.slug}`} className="text-lg font-semibold">
          <Link href={`/catalog/${widget.slug}`} className="hover:underline">
            {widget.name}
          </Link>
        </h2>
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
            ["Hosts", counts.hosts],
            ["Clusters", counts.clusters],
            ["Services", counts.services],
            ["Endpoints", counts.endpoints],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
