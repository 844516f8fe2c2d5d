import type { CatalogModel } from "./catalog";
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
