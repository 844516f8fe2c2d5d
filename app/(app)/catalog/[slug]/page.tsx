import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AnnotationsPanel } from "@/components/catalog/annotations-panel";
import { ItemTimeline, RecentEvidence } from "@/components/catalog/item-evidence";
import { ReferenceLink } from "@/components/catalog/item-link";
import { FactList } from "@/components/catalog/fact-list";
import { ServiceHealthSection, ServiceSections } from "@/components/catalog/service-sections";
import { EvidenceStateBadge } from "@/components/evidence/evidence-state";
import { SignalTime } from "@/components/evidence/signal-time";
import { ProbeControl } from "@/components/probes/probe-control";
import { Badge, SeedBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { Skeleton } from "@/components/ui/skeleton";
import { getCatalogModel } from "@/lib/data/snapshot";
import { catalogHref } from "@/lib/domain/catalog-url";
import { isInternalKey, toFacts } from "@/lib/domain/facts";
import { GAP_LABELS } from "@/lib/domain/gaps";
import { groupBy } from "@/lib/domain/group-by";
import { typeLabel } from "@/lib/domain/item-types";
import { RELATION_LABELS } from "@/lib/domain/relations";
import { serviceHealth } from "@/lib/domain/service-profile";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const row = (await getCatalogModel()).rowBySlug.get((await params).slug);
  return { title: row?.widget.name ?? "Not found" };
}

/**
 * What refers to an item, shown per relation up to this many: an environment
 * is referred to by a third of a large hub, which would make its page
 * megabytes of links.
 */
const BACKLINKS_SHOWN = 50;

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
  const facts = Object.entries(widget.metadata).filter(([key]) => !SHOWN_AS_RELATIONS.has(key));
  const bookkeeping = facts.filter(([key]) => isInternalKey(key));
  // A service's own events say little; its endpoints and health URL say whether it answers.
  const health = widget.type === "ops-service" ? serviceHealth(model, widget) : undefined;
  const evidence = health ?? { state: row.evidence.state, newest: row.evidence.newest?.at };

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
          <Badge>{typeLabel(widget.type)}</Badge>
          {row.seed ? <SeedBadge /> : null}
          <EvidenceStateBadge state={evidence.state} />
          {evidence.newest ? (
            <span className="text-sm text-slate-600">
              {health ? "newest signal" : "newest evidence"}{" "}
              <SignalTime at={evidence.newest} now={model.now} />
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
          {health ? (
            <>
              <ServiceHealthSection health={health} now={model.now} />
              <ServiceSections model={model} widget={widget} />
            </>
          ) : null}
          <Section id="facts" title="Facts">
            <FactList
              facts={toFacts([
                ["slug", widget.slug],
                ...facts.filter(([key]) => !isInternalKey(key)),
              ])}
            />
            {bookkeeping.length > 0 ? (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium text-sky-800">
                  Details
                </summary>
                <FactList className="mt-2 text-xs" facts={toFacts(bookkeeping)} />
              </details>
            ) : null}
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
                      {list.slice(0, BACKLINKS_SHOWN).map(({ from }) => (
                        <Link
                          key={from.id}
                          href={`/catalog/${from.slug}`}
                          className="text-sky-800 hover:underline"
                        >
                          {from.name}
                        </Link>
                      ))}
                      {list.length > BACKLINKS_SHOWN ? (
                        <span className="text-slate-600">
                          and {(list.length - BACKLINKS_SHOWN).toLocaleString("en")} more
                          {widget.type === "ops-environment" ? (
                            <>
                              {" "}
                              (
                              <Link
                                href={catalogHref({ env: widget.slug })}
                                className="text-sky-800 hover:underline"
                              >
                                all in the catalog
                              </Link>
                              )
                            </>
                          ) : null}
                        </span>
                      ) : null}
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
              <ItemTimeline widget={widget} />
            </Suspense>
          </Section>
        </div>
      </div>
    </>
  );
}
