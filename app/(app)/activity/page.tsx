import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { observedAt, outcomeOf } from "@/lib/domain/evidence";
import { getHubVocabulary, listActivity } from "@/lib/data/queries";
import { getCatalogModel } from "@/lib/data/snapshot";

export const metadata: Metadata = { title: "Activity" };

type Props = { searchParams: Promise<{ type?: string; env?: string }> };

export default async function ActivityPage({ searchParams }: Props) {
  const { type, env } = await searchParams;
  const { eventTypes } = await getHubVocabulary();
  const eventType = type && eventTypes.includes(type) ? type : undefined;
  const model = await getCatalogModel();
  const { events, annotations } = await listActivity({ eventType });
  const environments = model.rows
    .filter((row) => row.widget.type === "ops-environment")
    .map((row) => row.widget);
  const inEnvironment = (widgetId: string) => {
    if (!env) return true;
    const widget = model.index.byId.get(widgetId);
    return !!widget && model.index.environmentOf(widget)?.slug === env;
  };
  const entries = [
    ...events.map((event) => ({ kind: "event" as const, at: observedAt(event), event })),
    ...annotations.map((annotation) => ({
      kind: "annotation" as const,
      at: new Date(annotation.createdAt),
      annotation,
    })),
  ]
    .filter((entry) =>
      inEnvironment(entry.kind === "event" ? entry.event.widgetId : entry.annotation.widgetId),
    )
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const itemLink = (widgetId: string) => {
    const widget = model.index.byId.get(widgetId);
    return widget ? (
      <Link href={`/catalog/${widget.slug}`} className="font-medium text-sky-800 hover:underline">
        {widget.name}
      </Link>
    ) : (
      <span className="text-slate-600">a deleted item</span>
    );
  };

  return (
    <>
      <PageHeader
        title="Activity"
        description="The latest events and annotations across the hub, newest first."
      />
      <form action="/activity" className="mb-6 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          Event type
          <select
            name="type"
            defaultValue={eventType ?? ""}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <option value="">all events and annotations</option>
            {eventTypes.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Environment
          <select
            name="env"
            defaultValue={env ?? ""}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <option value="">all environments</option>
            {environments.map((widget) => (
              <option key={widget.slug} value={widget.slug}>
                {widget.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1 text-white">
          Filter
        </button>
      </form>
      {entries.length === 0 ? (
        <EmptyState title="No activity matches">
          Nothing was recorded for these filters among the latest 200 entries.
        </EmptyState>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
          {entries.map((entry) =>
            entry.kind === "event" ? (
              <li key={entry.event.id} className="flex flex-wrap items-center gap-2 px-4 py-2">
                <span className="font-mono">{entry.event.type}</span>
                {outcomeOf(entry.event) === "pass" ? <Badge tone="good">✓ pass</Badge> : null}
                {outcomeOf(entry.event) === "fail" ? <Badge tone="bad">✕ fail</Badge> : null}
                <span>on {itemLink(entry.event.widgetId)}</span>
                <span className="text-slate-600">
                  <RelativeTime at={entry.at} now={model.now} />
                </span>
              </li>
            ) : (
              <li key={entry.annotation.id} className="flex flex-wrap items-center gap-2 px-4 py-2">
                <Badge tone="warn">{entry.annotation.category}</Badge>
                <span>on {itemLink(entry.annotation.widgetId)}:</span>
                <span className="text-slate-700">{entry.annotation.body}</span>
                <span className="text-slate-600">
                  <RelativeTime at={entry.at} now={model.now} />
                </span>
              </li>
            ),
          )}
        </ol>
      )}
    </>
  );
}
