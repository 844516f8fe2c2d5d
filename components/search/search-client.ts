"use client";

import { useEffect, useState } from "react";
import { parseSearchResponse, type SearchResponse } from "@/lib/domain/search-wire";

/** `/api/search` from the browser: the command palette, and forms that choose among many items. */
export const DEBOUNCE_MS = 150;

export class SearchFailed extends Error {
  constructor(readonly status: number) {
    super(`search answered ${status}`);
  }
}

/** The best matches for `query`, among `types` when given. */
export async function fetchSearch(
  query: string,
  signal: AbortSignal,
  types?: string[],
): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: query });
  if (types?.length) params.set("types", types.join(","));
  const response = await fetch(`/api/search?${params}`, {
    signal,
    headers: { accept: "application/json" },
  });
  if (!response.ok) throw new SearchFailed(response.status);
  return parseSearchResponse(await response.json());
}

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
