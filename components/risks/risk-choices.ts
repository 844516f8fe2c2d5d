import type { Choice } from "@/components/forms/form-parts";
import type { CatalogIndex } from "@/lib/domain/relations";

/** What a risk may apply to or an acceptance cover, gates first, each by name. */
const CHOICE_TYPES: [string, string][] = [
  ["ops-readiness-gate", "Readiness gates"],
  ["ops-service", "Services"],
  ["ops-endpoint", "Endpoints"],
  ["ops-backup-set", "Backup sets"],
  ["ops-host", "Hosts"],
  ["ops-cluster", "Clusters"],
  ["ops-environment", "Environments"],
];

export function riskChoices(index: CatalogIndex): Choice[] {
  return choicesOf(index, CHOICE_TYPES);
}

/**
 * What an acceptance raised on a gate may cover: the gates. A board ships
 * these with every "Accept risk…", so they stay as many as the gates, not
 * as many as the hub's items (at 10,000 items that list alone made the board
 * page 1.5 MB).
 */
export function gateChoices(index: CatalogIndex): Choice[] {
  return choicesOf(
    index,
    CHOICE_TYPES.filter(([type]) => type === "ops-readiness-gate"),
  );
}

function choicesOf(index: CatalogIndex, types: [string, string][]): Choice[] {
  return types.flatMap(([type, group]) =>
    index.widgets
      .filter((w) => w.type === type)
      .map((w) => ({ value: w.slug, label: w.name, group })),
  );
}
