import { foldDays, type StripDays } from "./evidence";
import { groupBy } from "./group-by";
import type { InteractionEvent } from "./types";

/**
 * Each item's evidence by day (fail wins a day, then pass), kept up to date
 * from the change feed, so an evidence strip costs a read of an item's recent
 * history once, not on every page: under a probe that reports every minute,
 * 30 days are 43,200 events per item, and a page of 25 strips would read them
 * all again each time.
 *
 * Folding is idempotent (a day's mark only moves up: none, pass, fail), so
 * events that arrive both in an item's first read and from the feed count
 * once in effect. An item whose first read is under way gathers the feed's
 * events meanwhile, and gets them when the read lands. At most `capacity`
 * items are kept; the least recently shown go first.
 */
type Loading = { loading: Promise<StripDays>; meanwhile: InteractionEvent[] };
type Entry = { days: StripDays } | Loading;

export function createStripDaysCache(capacity = 5_000) {
  const entries = new Map<string, Entry>();

  function touch(widgetId: string, entry: Entry) {
    entries.delete(widgetId);
    entries.set(widgetId, entry);
    while (entries.size > capacity) entries.delete(entries.keys().next().value!);
  }

  return {
    /** The days of these items; `read` loads those not known yet (one call for all of them). */
    async daysOf(
      widgetIds: string[],
      read: (widgetIds: string[]) => Promise<InteractionEvent[]>,
    ): Promise<Map<string, StripDays>> {
      const missing = widgetIds.filter((id) => !entries.has(id));
      if (missing.length > 0) {
        const loading = read(missing).then((events) => groupBy(events, (event) => event.widgetId));
        for (const id of missing) {
          const entry: Loading = {
            meanwhile: [],
            loading: loading.then(
              (byWidget) => {
                const days = foldDays(new Map(), byWidget.get(id) ?? []);
                foldDays(days, entry.meanwhile);
                if (entries.get(id) === entry) entries.set(id, { days });
                return days;
              },
              (error: unknown) => {
                // Forgotten, so the next page tries again.
                if (entries.get(id) === entry) entries.delete(id);
                throw error;
              },
            ),
          };
          // Heard by the caller below, unless the entry was pushed out meanwhile.
          entry.loading.catch(() => {});
          touch(id, entry);
        }
      }
      const result = new Map<string, StripDays>();
      for (const id of widgetIds) {
        const entry = entries.get(id);
        if (!entry) continue;
        touch(id, entry);
        result.set(id, "days" in entry ? entry.days : await entry.loading);
      }
      return result;
    },

    /** Events from the feed: they update the items already known or being read. */
    take(events: Iterable<InteractionEvent>) {
      for (const event of events) {
        const entry = entries.get(event.widgetId);
        if (!entry) continue;
        if ("days" in entry) foldDays(entry.days, [event]);
        else entry.meanwhile.push(event);
      }
    },

    /** Forgets everything: after a whole re-read, the feed may have skipped events. */
    clear() {
      entries.clear();
    },
  };
}
