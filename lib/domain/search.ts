import { z } from "zod";
import type { CatalogRow } from "./catalog";
import type { Widget } from "./types";
import { SEARCH_LIMIT, type SearchHit } from "./search-wire";

export { SEARCH_LIMIT, parseSearchResponse } from "./search-wire";
export type { SearchHit, SearchResponse } from "./search-wire";

/**
 * Find-anything for the command palette and the catalog: items by name, slug
 * or metadata, best match first. The answer's shape (and its check, for the palette) is in
 * search-wire.ts, which the client imports without zod.
 */
export const SEARCH_QUERY_MAX = 120;

/**
 * `?q=`: missing means blank; an overlong query is cut, not refused.
 * `?types=`: item types, comma-separated, to search among (a form's choices); missing means all.
 */
export const searchParamsSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((value) => value.trim().slice(0, SEARCH_QUERY_MAX)),
  types: z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => value?.split(",").filter(Boolean).slice(0, 20)),
});

/**
 * How well a row matches, lower is better, undefined when it does not:
 * the name or slug is the query, then starts with it, then holds each of its
 * words at the start of a word, then holds it anywhere, then only the
 * metadata does. A slug counts with and without its type's prefix, so
 * "gitea" is exactly `ops-service-gitea`.
 */
export const MATCH_RANKS = { exact: 0, prefix: 1, words: 2, anywhere: 3, metadata: 4 } as const;

export type SearchNeedle = { text: string; words: string[] };

/** The query as matched: lower case, single spaces; undefined when blank. */
export function searchNeedle(query: string): SearchNeedle | undefined {
  const text = query.trim().toLowerCase().replace(/\s+/g, " ");
  return text ? { text, words: text.split(" ") } : undefined;
}

/** `ops-service-gitea` → `gitea`: the part of a slug after its hub namespace and type word. */
function slugWithoutType(slug: string, type: string): string {
  const namespace = `${type.split("-")[0]}-`;
  return slug.startsWith(namespace) ? slug.replace(/^[^-]+-[^-]+-/, "") : slug;
}

/** Whether `word` begins a word of `text`: at its start, or after a space, dash, slash… */
function startsAWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[a-z0-9]/.test(text.charAt(at - 1))) return true;
  }
  return false;
}

/**
 * An item's name, slug and metadata as one lower-case text, made when a
 * search first reaches it and kept while the item is unchanged (a change
 * brings a new widget object): a hub's worth of these is made only by a search
 * that looks into metadata, never by reading the hub.
 */
const searchTexts = new WeakMap<Widget, string>();
function searchText(widget: Widget): string {
  let text = searchTexts.get(widget);
  if (text === undefined) {
    text = `${widget.name}\n${widget.slug}\n${JSON.stringify(widget.metadata)}`.toLowerCase();
    searchTexts.set(widget, text);
  }
  return text;
}

export function matchRank(
  row: Pick<CatalogRow, "widget">,
  needle: SearchNeedle,
): number | undefined {
  const name = row.widget.name.toLowerCase();
  const slug = row.widget.slug.toLowerCase();
  const names = [name, slug, slugWithoutType(slug, row.widget.type)];
  const { text, words } = needle;
  if (names.some((candidate) => candidate === text)) return MATCH_RANKS.exact;
  if (names.some((candidate) => candidate.startsWith(text))) return MATCH_RANKS.prefix;
  if (words.every((word) => names.some((candidate) => startsAWord(candidate, word))))
    return MATCH_RANKS.words;
  if (words.every((word) => name.includes(word) || slug.includes(word)))
    return MATCH_RANKS.anywhere;
  const all = searchText(row.widget);
  if (words.every((word) => all.includes(word))) return MATCH_RANKS.metadata;
  return undefined;
}

/**
 * The rows that match, best first; equally good matches keep the rows'
 * order (the catalog's: services first, then by name).
 */
export function rankRows<Row extends Pick<CatalogRow, "widget">>(
  rows: Row[],
  needle: SearchNeedle,
): Row[] {
  const ranked: { rank: number; row: Row }[] = [];
  for (const row of rows) {
    const rank = matchRank(row, needle);
    if (rank !== undefined) ranked.push({ rank, row });
  }
  // Array.prototype.sort is stable: ties stay in catalog order.
  return ranked.sort((a, b) => a.rank - b.rank).map(({ row }) => row);
}

/** The best `limit` matches for `query` (case-insensitive); none for a blank query. */
export function searchCatalog(
  rows: CatalogRow[],
  query: string,
  { limit = SEARCH_LIMIT, types }: { limit?: number; types?: string[] } = {},
): SearchHit[] {
  const needle = searchNeedle(query);
  if (!needle) return [];
  const among = types?.length ? rows.filter((row) => types.includes(row.widget.type)) : rows;
  return rankRows(among, needle)
    .slice(0, limit)
    .map((row) => ({
      slug: row.widget.slug,
      name: row.widget.name,
      type: row.widget.type,
      environment: row.environment?.name ?? null,
    }));
}
