import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge, SeedBadge } from "@/components/ui/badge";
import { KeyValueList } from "@/components/ui/key-value-list";
import { PageHeader } from "@/components/ui/page-header";
import { isSeed } from "@/lib/hub-profile/schema";
import { getWidgetBySlug, listWidgetEvents } from "@/lib/ops/queries";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const widget = await getWidgetBySlug((await params).slug);
  return { title: widget?.name ?? "Not found" };
}

export default async function CatalogItemPage({ params }: Props) {
  const widget = await getWidgetBySlug((await params).slug);
  if (!widget) notFound();
  const events = await listWidgetEvents(widget.id);
  return (
    <>
      <PageHeader title={widget.name}>
        <div className="flex items-center gap-2">
          <Badge>{widget.type}</Badge>
          {isSeed(widget.metadata) ? <SeedBadge /> : null}
        </div>
      </PageHeader>
      <section aria-labelledby="facts" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="facts" className="mb-3 font-semibold">
          Facts
        </h2>
        <KeyValueList entries={[["slug", widget.slug], ...Object.entries(widget.metadata)]} />
      </section>
      <section
        aria-labelledby="evidence"
        className="mt-6 rounded-xl border border-slate-200 bg-white p-5"
      >
        <h2 id="evidence" className="mb-3 font-semibold">
          Evidence
        </h2>
        {events.length === 0 ? (
          <p className="text-slate-600">No evidence recorded for this item yet.</p>
        ) : (
          <ol className="space-y-3">
            {events.map((event) => (
              <li key={event.id} className="rounded-lg border border-slate-100 p-3">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-sm font-semibold">{event.type}</span>
                  {event.metadata.outcome === "pass" ? <Badge tone="good">pass</Badge> : null}
                  {event.metadata.outcome === "fail" ? <Badge tone="bad">fail</Badge> : null}
                  <time dateTime={event.createdAt} className="text-sm text-slate-500">
                    recorded {event.createdAt.slice(0, 16).replace("T", " ")} UTC
                  </time>
                </div>
                {event.viewContext ? (
                  <p className="mt-1 text-sm text-slate-600">context: {event.viewContext}</p>
                ) : null}
                <KeyValueList entries={Object.entries(event.metadata)} className="mt-2 text-xs" />
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
