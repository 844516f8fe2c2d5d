/**
 * Item types as people name them. A hub's types are namespaced slugs
 * ("ops-service", "syn-handoff"); a reader sees "Service" and "Handoff".
 */

/**
 * The order the catalog lists types in: what runs and how it is reached
 * first, since "what runs where" is the question most visits ask; the
 * migration's bookkeeping after. Types not listed follow, by name.
 */
const TYPE_ORDER = [
  "ops-service",
  "ops-endpoint",
  "ops-host",
  "ops-cluster",
  "ops-environment",
  "ops-release",
  "ops-backup-set",
  "ops-secret-set",
  "ops-runbook",
  "ops-incident",
  "ops-migration-wave",
  "ops-readiness-gate",
  "ops-risk",
  "ops-service-catalog",
];

const UNLISTED = TYPE_ORDER.length;

/** Where a type sorts: listed types by TYPE_ORDER, all others after them. */
export function typeRank(type: string): number {
  const index = TYPE_ORDER.indexOf(type);
  return index === -1 ? UNLISTED : index;
}

/** Two types in catalog order. */
export function compareTypes(a: string, b: string): number {
  return typeRank(a) - typeRank(b) || a.localeCompare(b);
}

/** The type without its hub's namespace, in words: "ops-backup-set" → "Backup set". */
export function typeLabel(type: string): string {
  const words = type.includes("-") ? type.slice(type.indexOf("-") + 1) : type;
  return sentenceCase(words.replace(/-/g, " "));
}

/** "Backup sets", "Services": for counts and facet headings. */
export function typeLabelPlural(type: string): string {
  const label = typeLabel(type);
  return /(s|x|sh|ch)$/.test(label) ? `${label}es` : `${label}s`;
}

/** An event type in words: "ops-endpoint-verified" → "Endpoint verified". */
export const eventTypeLabel = typeLabel;

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
