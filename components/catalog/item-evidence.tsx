import { EvidenceTimeline } from "@/components/catalog/evidence-timeline";
import { EvidenceDays, hasEvidenceDays } from "@/components/evidence/evidence-strip";
import { getTimeline } from "@/lib/data/queries";
import { getStripDays } from "@/lib/data/snapshot";
import { dailyStrip } from "@/lib/domain/evidence";
import { buildTimeline } from "@/lib/domain/timeline";
import type { Widget } from "@/lib/domain/types";

/**
 * An item's history beyond the snapshot, each read on its own so the page
 * shows while they load (each sits in its own Suspense boundary).
 */
export async function RecentEvidence({ widgetId, now }: { widgetId: string; now: Date }) {
  const days = dailyStrip((await getStripDays([widgetId])).get(widgetId) ?? new Map(), now);
  return hasEvidenceDays(days) ? (
    <EvidenceDays days={days} />
  ) : (
    <p className="text-sm text-slate-600">No evidence in the last 30 days.</p>
  );
}

export async function ItemTimeline({ widget }: { widget: Widget }) {
  const { events, annotations } = await getTimeline(widget.id);
  return (
    <EvidenceTimeline slug={widget.slug} initial={buildTimeline(events, annotations, new Date())} />
  );
}
