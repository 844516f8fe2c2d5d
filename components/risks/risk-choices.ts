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
  return CHOICE_TYPES.flatMap(([type, group]) =>
    index.widgets
      .filter((w) => w.type === type)
      .map((w) => ({ value: w.slug, label: w.name, group })),
  );
}
