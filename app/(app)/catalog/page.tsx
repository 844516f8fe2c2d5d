import type { Metadata } from "next";
import Link from "next/link";
import { SeedBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { isSeed } from "@/lib/hub-profile/schema";
import { listHubWidgets } from "@/lib/ops/queries";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage() {
  const widgets = await listHubWidgets();
  const byType = new Map<string, typeof widgets>();
  for (const widget of widgets)
    byType.set(widget.type, [...(byType.get(widget.type) ?? []), widget]);
  return (
    <>
      <PageHeader
        title="Catalog"
        description={`${widgets.length} items of the ops-hub hub, by type.`}
      />
      <div className="space-y-8">
        {[...byType.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([type, items]) => (
            <section key={type} aria-labelledby={`type-${type}`}>
              <h2
                id={`type-${type}`}
                className="mb-2 font-mono text-sm font-semibold text-slate-600"
              >
                {type} ({items.length})
              </h2>
              <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
                {items.map((widget) => (
                  <li key={widget.id} className="flex flex-wrap items-center gap-3 px-4 py-2">
                    <Link href={`/catalog/${widget.slug}`} className="font-medium hover:underline">
                      {widget.name}
                    </Link>
                    <span className="font-mono text-xs text-slate-500">{widget.slug}</span>
                    {isSeed(widget.metadata) ? <SeedBadge /> : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    </>
  );
}
