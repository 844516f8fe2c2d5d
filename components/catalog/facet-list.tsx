import Link from "next/link";
import type { Facet } from "@/lib/domain/catalog";

/** One facet: each value a link that sets (or clears) it in the URL, with its count. */
export function FacetList({
  title,
  name,
  facets,
  selected,
  hrefFor,
  limit = Infinity,
}: {
  title: string;
  name: string;
  facets: Facet[];
  selected: string | undefined;
  hrefFor: (name: string, value: string | undefined) => string;
  /** Show the biggest few of a long facet (the chosen value always stays). */
  limit?: number;
}) {
  return (
    <section aria-labelledby={`facet-${name}`}>
      <h2
        id={`facet-${name}`}
        className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"
      >
        {title}
      </h2>
      {facets.length === 0 ? (
        <p className="text-sm text-slate-500">none</p>
      ) : (
        <ul className="space-y-0.5 text-sm">
          {facets
            .filter((facet, index) => index < limit || facet.value === selected)
            .map((facet) => {
              const active = facet.value === selected;
              return (
                <li key={facet.value}>
                  <Link
                    href={hrefFor(name, active ? undefined : facet.value)}
                    aria-current={active ? "true" : undefined}
                    className={
                      active
                        ? "facet-link bg-slate-900 text-white hover:bg-slate-900"
                        : "facet-link"
                    }
                  >
                    <span className="truncate">{facet.label}</span>
                    <span className="tabular-nums">{facet.count}</span>
                  </Link>
                </li>
              );
            })}
          {facets.length > limit ? (
            <li className="px-2 text-xs text-slate-600">
              and {facets.length - limit} more: search to narrow
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}
