import type { Metadata } from "next";
import Link from "next/link";
import { FacetList } from "@/components/catalog/facet-list";
import { Pagination } from "@/components/catalog/pagination";
import { EvidenceStateBadge } from "@/components/evidence/evidence-state";
import { EvidenceStrip, hasEvidenceDays } from "@/components/evidence/evidence-strip";
import { Badge, SeedBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { getCurrentHubSlug } from "@/lib/interhub";
import { parseCatalogFilters, queryCatalog, type CatalogPage } from "@/lib/domain/catalog";
import { catalogHref } from "@/lib/domain/catalog-url";
import { dailyStrip, type StripDay } from "@/lib/domain/evidence";
import { typeLabel } from "@/lib/domain/item-types";
import { getCatalogModel, getStripDays } from "@/lib/data/snapshot";

export const metadata: Metadata = { title: "Catalog" };

const FACETS: { title: string; name: keyof CatalogPage["facets"]; limit?: number }[] = [
  { title: "Type", name: "type" },
  { title: "Environment", name: "env" },
  { title: "Evidence", name: "evidence" },
  { title: "Open gaps", name: "gaps" },
  // Owners can run to hundreds: the biggest few, then search.
  { title: "Owner", name: "owner", limit: 12 },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CatalogPage({ searchParams }: Props) {
  const filters = parseCatalogFilters(await searchParams);
  const model = await getCatalogModel();
  const result = queryCatalog(model, filters);
  const stripDays = await getStripDays(result.rows.map((row) => row.widget.id));
  const hrefFor = (name: string, value: string | undefined) =>
    catalogHref({ ...filters, [name]: value, page: 1 });
  const active = (["type", "env", "owner", "evidence", "gaps", "q"] as const).filter(
    (key) => filters[key],
  );

  return (
    <>
      <PageHeader
        title="Catalog"
        description={`Every item of the ${await getCurrentHubSlug()} hub: where it runs, who owns it, and what its evidence says.`}
      >
        <p className="text-sm">
          Export:{" "}
          <a className="underline" href="/api/export/inventory?format=md">
            Markdown
          </a>{" "}
          ·{" "}
          <a className="underline" href="/api/export/inventory?format=json">
            JSON
          </a>
        </p>
      </PageHeader>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside aria-label="Filters" className="space-y-5">
          <form action="/catalog" role="search" className="space-y-2">
            <label
              htmlFor="catalog-q"
              className="block text-xs font-semibold tracking-wide text-slate-600 uppercase"
            >
              Search name, slug, metadata
            </label>
            <input
              id="catalog-q"
              name="q"
              type="search"
              defaultValue={filters.q}
              className="w-full rounded-md border border-slate-300 px-2 py-1"
            />
            {(["type", "env", "owner", "evidence", "gaps"] as const).map((key) =>
              filters[key] ? (
                <input key={key} type="hidden" name={key} value={filters[key]} />
              ) : null,
            )}
            <button type="submit" className="rounded-md bg-slate-900 px-3 py-1 text-sm text-white">
              Search
            </button>
          </form>
          {FACETS.map(({ title, name, limit }) => (
            <FacetList
              key={name}
              title={title}
              name={name}
              facets={result.facets[name]}
              selected={filters[name]}
              hrefFor={hrefFor}
              limit={limit}
            />
          ))}
        </aside>

        <section aria-labelledby="results-heading">
          <div className="mb-3 flex flex-wrap items-center gap-3">
            <h2 id="results-heading" className="font-semibold" aria-live="polite">
              {result.total} {result.total === 1 ? "item" : "items"}
            </h2>
            <p className="text-sm text-slate-600">
              {filters.q ? "Best matches first" : "Services first, then each type by name"}
            </p>
            {active.length > 0 ? (
              <Link href="/catalog" className="text-sm underline">
                Clear {active.length === 1 ? "filter" : "all filters"}
              </Link>
            ) : null}
          </div>
          {result.rows.length === 0 ? (
            <EmptyState title="No item matches these filters">
              <Link href="/catalog" className="underline">
                Show every item
              </Link>
            </EmptyState>
          ) : (
            // Relative: the sr-only texts inside scroll with the table, not past the page's edge.
            <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
              <table className="catalog-table w-full text-left text-sm">
                <caption className="sr-only">
                  Catalog items, page {result.page} of {result.pageCount}
                </caption>
                <thead className="bg-slate-100 text-slate-700">
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col">Environment</th>
                    <th scope="col" className="hidden sm:table-cell">
                      Owner
                    </th>
                    <th scope="col">Evidence</th>
                    <th scope="col" className="hidden sm:table-cell">
                      Last 30 days
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {result.rows.map((row) => (
                    <tr key={row.widget.slug}>
                      <td>
                        {/* A plain link: fifty client-side Links would weigh on every list page. */}
                        <a
                          href={`/catalog/${row.widget.slug}`}
                          className="font-medium hover:underline"
                        >
                          {row.widget.name}
                        </a>
                        <div className="row-meta">
                          <span>{typeLabel(row.widget.type)}</span>
                          {row.seed ? <SeedBadge /> : null}
                          {row.gaps.length > 0 ? (
                            <Badge tone="warn">
                              {row.gaps.length} {row.gaps.length === 1 ? "gap" : "gaps"}
                            </Badge>
                          ) : null}
                          {row.metadataProblem ? (
                            <Badge tone="bad">invalid metadata: {row.metadataProblem}</Badge>
                          ) : null}
                        </div>
                      </td>
                      <td>{row.environment?.name ?? <span className="text-slate-500">—</span>}</td>
                      <td className="hidden font-mono text-xs sm:table-cell">
                        {row.owner ?? <span className="text-slate-500">—</span>}
                      </td>
                      <td>
                        <EvidenceStateBadge state={row.evidence.state} />
                        {row.evidence.newest ? (
                          <div className="text-xs text-slate-600">
                            <RelativeTime at={row.evidence.newest.at} now={model.now} compact />
                          </div>
                        ) : null}
                      </td>
                      <td className="hidden sm:table-cell">
                        <RecentStrip
                          days={dailyStrip(stripDays.get(row.widget.id) ?? new Map(), model.now)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination filters={filters} page={result.page} pageCount={result.pageCount} />
        </section>
      </div>
    </>
  );
}

/** The 30-day bar, or a quiet dash when there is nothing to draw. */
function RecentStrip({ days }: { days: StripDay[] }) {
  if (hasEvidenceDays(days)) return <EvidenceStrip days={days} />;
  return (
    <span className="text-slate-500">
      <span aria-hidden="true">—</span>
      <span className="sr-only">no evidence in the last 30 days</span>
    </span>
  );
}
