import Link from "next/link";
import { PER_PAGE_CHOICES, type CatalogFilters } from "@/lib/domain/catalog";
import { catalogHref } from "@/lib/domain/catalog-url";

/** Previous and next pages of the catalog list, and the page size, as links that keep the filters. */
export function Pagination({
  filters,
  page,
  pageCount,
}: {
  filters: CatalogFilters;
  page: number;
  pageCount: number;
}) {
  return (
    <nav
      aria-label="Pages"
      className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm"
    >
      <div className="flex items-center gap-3">
        {page > 1 ? (
          <Link
            href={catalogHref({ ...filters, page: page - 1 })}
            className="rounded border border-slate-300 px-2 py-1"
            rel="prev"
          >
            ← Previous
          </Link>
        ) : null}
        <span>
          Page {page} of {pageCount}
        </span>
        {page < pageCount ? (
          <Link
            href={catalogHref({ ...filters, page: page + 1 })}
            className="rounded border border-slate-300 px-2 py-1"
            rel="next"
          >
            Next →
          </Link>
        ) : null}
      </div>
      <div className="flex items-center gap-2">
        <span>Per page:</span>
        {PER_PAGE_CHOICES.map((per) => (
          <Link
            key={per}
            href={catalogHref({ ...filters, per, page: 1 })}
            aria-current={per === filters.per ? "true" : undefined}
            className={per === filters.per ? "font-semibold underline" : "underline"}
          >
            {per}
          </Link>
        ))}
      </div>
    </nav>
  );
}
