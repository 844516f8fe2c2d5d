import type { Choice } from "@/components/forms/form-parts";
import type { CatalogIndex } from "@/lib/domain/relations";

/**
 * What a risk may apply to or an acceptance cover: the gates, shipped with
 * the page as choices (as many as the gates), and the items below, found on
 * the server as a name is typed — a hub's items are too many to ship (at
 * 10,000 items the list alone made a board page 1.5 MB).
 */
export const SEARCHED_RISK_TARGETS: Record<string, string> = {
  "ops-service": "Services",
  "ops-endpoint": "Endpoints",
  "ops-backup-set": "Backup sets",
  "ops-host": "Hosts",
  "ops-cluster": "Clusters",
  "ops-environment": "Environments",
};

export function gateChoices(index: CatalogIndex): Choice[] {
  return index.widgets
    .filter((w) => w.type === "ops-readiness-gate")
    .map((w) => ({ value: w.slug, label: w.name, group: "Readiness gates" }));
}
