import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { groupBy } from "@/lib/domain/group-by";
import { FRESHNESS_DAYS } from "@/lib/domain/evidence";
import { GAP_LABELS } from "@/lib/domain/gaps";
import { getCatalogModel } from "@/lib/data/snapshot";

export const metadata: Metadata = { title: "Gaps" };

export default async function GapsPage() {
  const model = await getCatalogModel();
  const byKind = groupBy(model.gaps, (gap) => gap.kind);
  return (
    <>
      <PageHeader
        title="Gaps"
        description={`What the catalog cannot yet answer, computed from the inventory and its evidence: ${model.gaps.length} open.`}
      />
      {model.gaps.length === 0 ? (
        <EmptyState title="No gaps">
          Every service has an owner, a purpose, an endpoint and fresh health evidence.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {[...byKind].map(([kind, gaps]) => (
            <section
              key={kind}
              aria-labelledby={`gap-${kind}`}
              className="rounded-xl border border-slate-200 bg-white"
            >
              <h2 id={`gap-${kind}`} className="border-b border-slate-100 px-4 py-2 font-semibold">
                {GAP_LABELS[kind]} <Badge tone="warn">{gaps.length}</Badge>
              </h2>
              <ul className="divide-y divide-slate-100 text-sm">
                {gaps.map((gap, index) => (
                  <li key={index} className="flex flex-wrap gap-x-3 px-4 py-2">
                    <Link
                      href={`/catalog/${gap.widget.slug}`}
                      className="font-medium text-sky-800 hover:underline"
                    >
                      {gap.widget.name}
                    </Link>
                    <span className="font-mono text-xs text-slate-600">{gap.widget.type}</span>
                    <span className="text-slate-700">{gap.detail}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      <section aria-labelledby="freshness" className="mt-8 text-sm text-slate-700">
        <h2 id="freshness" className="font-semibold">
          Freshness windows
        </h2>
        <p>Evidence older than its window no longer counts as fresh:</p>
        <ul className="mt-1 flex flex-wrap gap-x-4">
          {Object.entries(FRESHNESS_DAYS).map(([type, days]) => (
            <li key={type}>
              <span className="font-mono">{type}</span>: {days} {days === 1 ? "day" : "days"}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
