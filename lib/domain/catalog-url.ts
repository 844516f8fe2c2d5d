import { DEFAULT_PER_PAGE, type CatalogFilters } from "./catalog";

/** The catalog URL for a set of filters: defaults left out, so shared links stay short. */
export function catalogHref(filters: Partial<CatalogFilters>): string {
  const params = new URLSearchParams();
  for (const key of ["q", "type", "env", "owner", "evidence", "gaps"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.per && filters.per !== DEFAULT_PER_PAGE) params.set("per", String(filters.per));
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const query = params.toString();
  return query ? `/catalog?${query}` : "/catalog";
}
