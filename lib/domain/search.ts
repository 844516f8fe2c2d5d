import { z } from "zod";
import type { CatalogRow } from "./catalog";
import { SEARCH_LIMIT, type SearchHit } from "./search-wire";

export { SEARCH_LIMIT, parseSearchResponse } from "./search-wire";
export type { SearchHit, SearchResponse } from "./search-wire";

/**
 * Find-anything for the command palette: items by name or slug, best match
 * first. The answer's shape (and its check, for the palette) is in
 * search-wire.ts, which the client imports without zod.
 */
export const SEARCH_QUERY_MAX = 120;

/** `?q=`: missing means blank; an overlong query is cut, not refused. */
export const searchParamsSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((value) => value.trim().slice(0, SEARCH_QUERY_MAX)),
});

/**
 * How well a row matches, lower is better: exact slug, exact name, name
 * prefix, slug prefix, name or slug substring, every word somewhere in name
 * or slug.
 * Undefined when it does not match.
 */
export function matchRank(
  row: Pick<CatalogRow, "widget">,
  needle: string,
  words: string[] = needle.split(/\s+/).filter(Boolean),
): number | undefined {
  const slug = row.widget.slug.toLowerCase();
  const name = row.widget.name.toLowerCase();
  if (slug === needle) return 0;
  if (name === needle) return 1;
  if (name.startsWith(needle)) return 2;
  if (slug.startsWith(needle)) return 3;
  if (name.includes(needle) || slug.includes(needle)) return 4;
  if (words.length > 1 && words.every((word) => name.includes(word) || slug.includes(word)))
    return 5;
  return undefined;
}

/** The best `limit` matches for `query` (case-insensitive); none for a blank query. */
export function searchCatalog(
  rows: CatalogRow[],
  query: string,
  limit = SEARCH_LIMIT,
): SearchHit[] {
  const needle = query.trim().toLowerCase().replace(/\s+/g, " ");
  if (!needle) return [];
  const words = needle.split(" ");
  const ranked: { rank: number; row: CatalogRow }[] = [];
  for (const row of rows) {
    const rank = matchRank(row, needle, words);
    if (rank !== undefined) ranked.push({ rank, row });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.row.widget.name.length - b.row.widget.name.length ||
      a.row.widget.name.localeCompare(b.row.widget.name) ||
      a.row.widget.slug.localeCompare(b.row.widget.slug),
  );
  return ranked.slice(0, limit).map(({ row }) => ({
    slug: row.widget.slug,
    name: row.widget.name,
    type: row.widget.type,
    environment: row.environment?.name ?? null,
  }));
}
