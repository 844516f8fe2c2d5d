/**
 * The command palette's answer from `/api/search`, checked without zod: this
 * module is imported by the palette, in every signed-in page's first-load
 * JavaScript, where zod alone would add ~30 KB gzip.
 */
export const SEARCH_LIMIT = 20;

export type SearchHit = {
  slug: string;
  name: string;
  type: string;
  /** The environment's name, when the item lives in one. */
  environment: string | null;
};
export type SearchResponse = { query: string; hits: SearchHit[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function isHit(value: unknown): value is SearchHit {
  return (
    isRecord(value) &&
    typeof value.slug === "string" &&
    typeof value.name === "string" &&
    typeof value.type === "string" &&
    (value.environment === null || typeof value.environment === "string")
  );
}

/** The answer, or a TypeError when it does not have the shape. */
export function parseSearchResponse(value: unknown): SearchResponse {
  if (
    !isRecord(value) ||
    typeof value.query !== "string" ||
    !Array.isArray(value.hits) ||
    !value.hits.every(isHit)
  )
    throw new TypeError("the search answer does not have the expected shape");
  return {
    query: value.query,
    hits: value.hits.map(({ slug, name, type, environment }) => ({
      slug,
      name,
      type,
      environment,
    })),
  };
}
