import type { Annotation } from "./types";

/**
 * Annotations are never edited or deleted: one is resolved by a later
 * annotation whose metadata says `resolves: <its id>`, so the history stays.
 */
export function resolvedIds(annotations: Annotation[]): Set<string> {
  return new Set(
    annotations
      .map((a) => a.metadata.resolves)
      .filter((id): id is string => typeof id === "string"),
  );
}

export function openAnnotations(annotations: Annotation[]): Annotation[] {
  const resolved = resolvedIds(annotations);
  return annotations.filter((a) => !resolved.has(a.id) && typeof a.metadata.resolves !== "string");
}

/** The categories that say "the catalog cannot answer this yet". */
export function isGapCategory(category: string): boolean {
  return category.endsWith("-gap");
}
