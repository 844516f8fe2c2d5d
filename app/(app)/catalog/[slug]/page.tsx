import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AnnotationsPanel } from "@/components/catalog/annotations-panel";
import { EvidenceTimeline } from "@/components/catalog/evidence-timeline";
import { ReferenceLink } from "@/components/catalog/item-link";
import { Section } from "@/components/catalog/section";
import { EvidenceStateBadge } from "@/components/evidence/evidence-state";
import { EvidenceDays } from "@/components/evidence/evidence-strip";
import { ProbeControl } from "@/components/probes/probe-control";
import { Badge, SeedBadge } from "@/components/ui/badge";
import { KeyValueList } from "@/components/ui/key-value-list";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { groupBy } from "@/lib/domain/group-by";
import type { InteractionEvent, Widget } from "@/lib/domain/types";
import type { CatalogModel } from "@/lib/domain/catalog";
import { dailyStrip, freshnessDays, isStale, observedAt, outcomeOf } from "@/lib/domain/evidence";
import { GAP_LABELS } from "@/lib/domain/gaps";
import { getTimeline, listRecentEvents } from "@/lib/data/queries";
import { RELATION_LABELS } from "@/lib/domain/relations";
import { getCatalogModel } from "@/lib/data/snapshot";
import { buildTimeline } from "@/lib/domain/timeline";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const row = (await getCatalogModel()).rowBySlug.get((await params).slug);
  return { title: row?.widget.name ?? "Not found" };
}

/** Metadata shown in their own sections rather than among the facts. */
const SHOWN_AS_RELATIONS = new Set(Object.keys(RELATION_LABELS));

export default async function CatalogItemPage({ params }: Props) {
  const model = await getCatalogModel();
  const row = model.rowBySlug.get((await params).slug);
  if (!row) notFound();
  const { widget } = row;
  const placement = model.index.placementOf(widget);
  const refs = model.index.refsOf(widget);
  const backlinks = model.index.backlinksOf(widget);
  const facts = Object.entries(widget.metadata).filter(
    ([key]) => !SHOWN_AS_RELATIONS.has(key) && key !== "source",
  );

  return (
    <>
      {placement.environment ? (
        <nav aria-label="Where it runs" className="mb-2 text-sm text-slate-600">
          <ol className="flex flex-wrap items-center gap-1">
            <li>
              <Link href={`/catalog/${placement.environment.slug}`} className="hover:underline">
                {placement.environment.name}
              </Link>
            </li>
            {placement.runsOn ? (
              <li>
                <span aria-hidden="true">→ </span>
                <Link href={`/catalog/${placement.runsOn.slug}`} className="hover:underline">
                  {placement.runsOn.name}
                </Link>
              </li>
            ) : null}
            {placement.location ? (
              <li>
                <span aria-hidden="true">→ </span>
                {placement.location}
              </li>
            ) : null}
            <li aria-current="page">
              <span aria-hidden="true">→ </span>
              {widget.name}
            </li>
          </ol>
        </nav>
      ) : null}
      <PageHeader title={widget.name}>
        <div className="flex flex-wrap items-center gap-2">
          <Badge>{widget.type}</Badge>
          {row.seed ? <SeedBadge /> : null}
          <EvidenceStateBadge state={row.evidence.state} />
          {row.evidence.newest ? (
            <span className="text-sm text-slate-600">
              <RelativeTime at={row.evidence.newest.at} now={model.now} prefix="newest evidence" />
            </span>
          ) : null}
        </div>
      </PageHeader>
      {row.metadataProblem ? (
        <p className="mb-4">
          <Badge tone="bad">invalid metadata: {row.metadataProblem}</Badge>
        </p>
      ) : null}
      <ProbeControl widget={widget} />

      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          {widget.type === "ops-service" ? <ServiceSections model={model} widget={widget} /> : null}
          <Section id="facts" title="Facts">
            <KeyValueList entries={[["slug", widget.slug], ...facts]} />
          </Section>
          <Section id="relations" title="Relations">
            {refs.length === 0 && backlinks.length === 0 ? (
              <p className="text-slate-600">No relations recorded.</p>
            ) : (
              <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
                {[...groupBy(refs, (r) => r.field)].map(([field, list]) => (
                  <div key={`out-${field}`} className="contents">
                    <dt className="text-slate-600">{RELATION_LABELS[field]?.out ?? field}</dt>
                    <dd className="flex flex-wrap gap-x-3 gap-y-1">
                      {list.map((reference) => (
                        <ReferenceLink key={reference.slug} reference={reference} />
                      ))}
                    </dd>
                  </div>
                ))}
                {[...groupBy(backlinks, (b) => b.field)].map(([field, list]) => (
                  <div key={`in-${field}`} className="contents">
                    <dt className="text-slate-600">{RELATION_LABELS[field]?.in ?? field}</dt>
                    <dd className="flex flex-wrap gap-x-3 gap-y-1">
                      {list.map(({ from }) => (
                        <Link
                          key={from.id}
                          href={`/catalog/${from.slug}`}
                          className="text-sky-800 hover:underline"
                        >
                          {from.name}
                        </Link>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </Section>
          <Section id="gaps" title="Gaps">
            {row.gaps.length === 0 ? (
              <p className="text-slate-600">Nothing missing that ops-hub can tell.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {row.gaps.map((gap, index) => (
                  <li key={index}>
                    <Badge tone="warn">{GAP_LABELS[gap.kind]}</Badge> {gap.detail}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
        <div className="space-y-6">
          <Section id="annotations" title="Annotations">
            <Suspense fallback={<Skeleton label="Loading annotations" />}>
              <AnnotationsPanel widget={widget} model={model} />
            </Suspense>
          </Section>
          <Section id="evidence-days" title="Evidence, last 30 days">
            <Suspense fallback={<Skeleton label="Loading the last 30 days" lines={1} />}>
              <RecentEvidence widgetId={widget.id} now={model.now} />
            </Suspense>
          </Section>
          <Section id="timeline" title="Evidence timeline">
            <Suspense fallback={<Skeleton label="Loading the evidence timeline" />}>
              <Timeline widget={widget} />
            </Suspense>
          </Section>
        </div>
      </div>
    </>
  );
}

async function RecentEvidence({ widgetId, now }: { widgetId: string; now: Date }) {
  return <EvidenceDays days={dailyStrip(await listRecentEvents([widgetId]), now)} />;
}

async function Timeline({ widget }: { widget: Widget }) {
  const { events, annotations } = await getTimeline(widget.id);
  return (
    <EvidenceTimeline slug={widget.slug} initial={buildTimeline(events, annotations, new Date())} />
  );
}

/** What a service page answers: why, whose, how reached, on what it stands, and its data's safety. */
function ServiceSections({ model, widget }: { model: CatalogModel; widget: Widget }) {
  const { index } = model;
  const backlinks = index.backlinksOf(widget);
  const endpoints = backlinks
    .filter((b) => b.field === "service" && b.from.type === "ops-endpoint")
    .map((b) => b.from);
  const releases = backlinks
    .filter((b) => b.field === "service" && b.from.type === "ops-release")
    .map((b) => b.from);
  const risks = backlinks.filter((b) => b.from.type === "ops-risk").map((b) => b.from);
  const dataStores = index.refsOf(widget).filter((r) => r.field === "dataStores");
  const owner = model.rowBySlug.get(widget.slug)?.owner;
  const openNotes = model.openAnnotations.filter((a) => a.widgetId === widget.id);
  const latest = (w: Widget, type: string) =>
    (model.latestByWidget.get(w.id) ?? []).find((e) => e.type === type);

  return (
    <>
      <Section id="purpose" title="Why it exists">
        <p>
          {typeof widget.metadata.purpose === "string" ? (
            widget.metadata.purpose
          ) : (
            <em className="text-slate-600">No purpose recorded.</em>
          )}
        </p>
        <p className="mt-2 text-sm">
          Owner:{" "}
          {owner ? (
            <span className="font-mono">{owner}</span>
          ) : (
            <em className="text-slate-600">none recorded</em>
          )}
        </p>
      </Section>
      <Section id="reached" title="How it is reached">
        {endpoints.length === 0 ? (
          <p className="text-slate-600">No endpoint recorded.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {endpoints.map((endpoint) => (
              <li key={endpoint.id} className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/catalog/${endpoint.slug}`}
                  className="font-medium text-sky-800 hover:underline"
                >
                  {endpoint.name}
                </Link>
                <Badge>{String(endpoint.metadata.exposure ?? "exposure unknown")}</Badge>
                <span className="font-mono text-xs break-all">
                  {String(endpoint.metadata.url ?? "")}
                </span>
                <EvidenceStateBadge state={model.rowBySlug.get(endpoint.slug)!.evidence.state} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="data" title="Data stores and their backups">
        {dataStores.length === 0 ? (
          <p className="text-slate-600">No data stores recorded.</p>
        ) : (
          <ul className="space-y-3 text-sm">
            {dataStores.map((store) => {
              const backups = store.target
                ? index
                    .backlinksOf(store.target)
                    .filter((b) => b.field === "protects")
                    .map((b) => b.from)
                : [];
              return (
                <li key={store.slug}>
                  <ReferenceLink reference={store} />
                  {store.target && backups.length === 0 ? (
                    <p className="text-amber-900">No backup set protects it.</p>
                  ) : null}
                  {backups.map((backup) => (
                    <div key={backup.id} className="mt-1 ml-4">
                      <Link
                        href={`/catalog/${backup.slug}`}
                        className="text-sky-800 hover:underline"
                      >
                        {backup.name}
                      </Link>
                      <EvidenceLine
                        label="backup"
                        event={latest(backup, "ops-backup-verified")}
                        now={model.now}
                      />
                      <EvidenceLine
                        label="restore test"
                        event={latest(backup, "ops-restore-tested")}
                        now={model.now}
                      />
                    </div>
                  ))}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      {releases.length > 0 ? (
        <Section id="releases" title="Releases">
          <ul className="space-y-1 text-sm">
            {releases.map((release) => (
              <li key={release.id}>
                <Link href={`/catalog/${release.slug}`} className="text-sky-800 hover:underline">
                  {release.name}
                </Link>{" "}
                <span className="font-mono text-xs">
                  {String(release.metadata.image ?? release.metadata.version ?? "")}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="open-annotations" title="Open annotations and risks">
        {openNotes.length === 0 && risks.length === 0 ? (
          <p className="text-slate-600">No open annotations or risks.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {openNotes.map((note) => (
              <li key={note.id}>
                <Badge tone="warn">{note.category}</Badge> {note.body}
              </li>
            ))}
            {risks.map((risk) => (
              <li key={risk.id}>
                <Badge tone="bad">risk</Badge>{" "}
                <Link href={`/catalog/${risk.slug}`} className="text-sky-800 hover:underline">
                  {risk.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function EvidenceLine({
  label,
  event,
  now,
}: {
  label: string;
  event: InteractionEvent | undefined;
  now: Date;
}) {
  if (!event) return <p className="text-amber-900">No {label} evidence, ever.</p>;
  const stale = isStale(event, now);
  return (
    <p>
      Last {label}: {outcomeOf(event) ?? "recorded"},{" "}
      <RelativeTime at={observedAt(event)} now={now} />
      {stale ? (
        <span className="text-amber-900">
          {" "}
          (stale: older than {freshnessDays(event.type)} days)
        </span>
      ) : null}
    </p>
  );
}
