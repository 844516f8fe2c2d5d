import type { CatalogModel } from "./catalog";
import { evidenceStatus, isStale, observedAt, outcomeOf, type EvidenceState } from "./evidence";
import type { Reference } from "./relations";
import type { Annotation, InteractionEvent, Widget } from "./types";

/**
 * What a service's page answers, from the catalog alone: why it exists, whose
 * it is, how it is reached, which releases run it, which data it keeps and
 * which backups protect that data (with their latest backup and restore-test
 * evidence), and what is open against it.
 */
export type ServiceProfile = {
  purpose?: string;
  owner?: string;
  endpoints: Widget[];
  releases: Widget[];
  dataStores: {
    reference: Reference;
    backups: { backup: Widget; backedUp?: InteractionEvent; restoreTested?: InteractionEvent }[];
  }[];
  openNotes: Annotation[];
  risks: Widget[];
};

export function serviceProfile(model: CatalogModel, service: Widget): ServiceProfile {
  const { index } = model;
  const backlinks = index.backlinksOf(service);
  const servedBy = (type: string) =>
    backlinks.filter((b) => b.field === "service" && b.from.type === type).map((b) => b.from);
  const latest = (widget: Widget, type: string) =>
    (model.latestByWidget.get(widget.id) ?? []).find((event) => event.type === type);
  return {
    purpose: typeof service.metadata.purpose === "string" ? service.metadata.purpose : undefined,
    owner: model.rowBySlug.get(service.slug)?.owner,
    endpoints: servedBy("ops-endpoint"),
    releases: servedBy("ops-release"),
    dataStores: index
      .refsOf(service)
      .filter((reference) => reference.field === "dataStores")
      .map((reference) => ({
        reference,
        backups: (reference.target ? index.backlinksOf(reference.target) : [])
          .filter((b) => b.field === "protects")
          .map(({ from: backup }) => ({
            backup,
            backedUp: latest(backup, "ops-backup-verified"),
            restoreTested: latest(backup, "ops-restore-tested"),
          })),
      })),
    openNotes: model.openAnnotations.filter((a) => a.widgetId === service.id),
    risks: backlinks.filter((b) => b.from.type === "ops-risk").map((b) => b.from),
  };
}

/** The signal that says whether one way into a service answers. */
export type HealthSignal = {
  /** The endpoint, or the service itself for its health URL. */
  item: Widget;
  kind: "endpoint" | "health URL";
  url?: string;
  /** The newest such signal, if any ever arrived. */
  latest?: { event: InteractionEvent; at: Date; outcome?: "pass" | "fail"; stale: boolean };
  state: EvidenceState;
};

export type ServiceHealth = {
  /** Failing when any latest signal failed, stale when one is past its window, none without any. */
  state: EvidenceState;
  newest?: Date;
  signals: HealthSignal[];
};

const HEALTH_EVENTS = { endpoint: "ops-endpoint-verified", "health URL": "ops-health-checked" };

/**
 * A service's health as its page opens with it: the latest signal of each of
 * its endpoints and of its own health URL. A service's own events rarely
 * say much; its endpoints' probes do.
 */
export function serviceHealth(model: CatalogModel, service: Widget): ServiceHealth {
  const signal = (item: Widget, kind: HealthSignal["kind"], url: unknown): HealthSignal => {
    const event = (model.latestByWidget.get(item.id) ?? []).find(
      (candidate) => candidate.type === HEALTH_EVENTS[kind],
    );
    return {
      item,
      kind,
      url: typeof url === "string" ? url : undefined,
      latest: event && {
        event,
        at: observedAt(event),
        outcome: outcomeOf(event),
        stale: isStale(event, model.now),
      },
      state: evidenceStatus(event ? [event] : [], model.now).state,
    };
  };
  const health = service.metadata.health;
  const healthUrl =
    health && typeof health === "object" ? (health as Record<string, unknown>).url : undefined;
  const signals = [
    ...(healthUrl !== undefined ? [signal(service, "health URL", healthUrl)] : []),
    ...serviceProfile(model, service)
      .endpoints.toSorted((a, b) => a.name.localeCompare(b.name))
      .map((endpoint) => signal(endpoint, "endpoint", endpoint.metadata.url)),
  ];
  const overall = evidenceStatus(
    signals.flatMap((s) => (s.latest ? [s.latest.event] : [])),
    model.now,
  );
  return { state: overall.state, newest: overall.newest?.at, signals };
}
