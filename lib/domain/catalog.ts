import { z } from "zod";
import type { Annotation, InteractionEvent, Widget } from "./types";
import { createCatalogMirror } from "./catalog-mirror";
import { EVIDENCE_STATES, type EvidenceStatus } from "./evidence";
import type { Gap } from "./gaps";
import { typeLabelPlural } from "./item-types";
import type { CatalogIndex } from "./relations";
import type { Acceptance } from "./risks";
import { rankRows, searchNeedle } from "./search";

/**
 * The catalog as one in-memory model of the hub: every widget with its
 * environment, owner, evidence state and gaps, derived once per snapshot of
 * Inter-Hub data, so a filtered, faceted, paginated list is a scan of
 * precomputed rows (10,000 of them in a few milliseconds).
 */
export type HubData = {
  widgets: Widget[];
  latestEvents: InteractionEvent[];
  annotations: Annotation[];
  /** Every `ops-risk-accepted` event: acceptances and revocations are history, not just the latest. */
  riskEvents?: InteractionEvent[];
};

/**
 * The same data with repeated strings held once. Each row parsed from
 * Inter-Hub's JSON carries its own copy of the hub id, the widget id an event
 * belongs to, its type and who recorded it — tens of thousands of equal
 * strings a process-wide snapshot would keep for its whole life. The parsed
 * objects are this snapshot's alone, so they are updated in place.
 */
export function shareRepeatedStrings(data: HubData): HubData {
  const pool = new Map<string, string>();
  const shared = <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const known = pool.get(value);
    if (known !== undefined) return known as T;
    pool.set(value, value);
    return value;
  };
  for (const widget of data.widgets) {
    widget.hubId = shared(widget.hubId);
    widget.type = shared(widget.type);
    // An event's widget id then is its widget's own string.
    shared(widget.id);
  }
  const records = [data.latestEvents, data.annotations, data.riskEvents ?? []].flat();
  for (const record of records) {
    record.hubId = shared(record.hubId);
    record.widgetId = shared(record.widgetId);
    record.recordedBy = shared(record.recordedBy);
    if ("type" in record) {
      record.type = shared(record.type);
      record.viewContext = shared(record.viewContext);
    }
  }
  return data;
}

export type CatalogRow = {
  widget: Widget;
  environment?: Widget;
  owner?: string;
  evidence: EvidenceStatus;
  gaps: Gap[];
  metadataProblem?: string;
  seed: boolean;
};

export type CatalogModel = {
  index: CatalogIndex;
  rows: CatalogRow[];
  rowBySlug: Map<string, CatalogRow>;
  latestByWidget: Map<string, InteractionEvent[]>;
  annotations: Annotation[];
  openAnnotations: Annotation[];
  acceptances: Acceptance[];
  gaps: Gap[];
  now: Date;
};

/** The model of a hub read whole (a mirror that follows its changes keeps deriving it: ./catalog-mirror.ts). */
export function buildCatalogModel(data: HubData, now: Date): CatalogModel {
  return createCatalogMirror(data).model(now);
}

const optional = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

export const PER_PAGE_CHOICES = [25, 50, 100] as const;
/** 25 rows keep a list page under 100 KB of HTML; more are a click away. */
export const DEFAULT_PER_PAGE = 25;

/** The list's filters, as they live in the URL so a view can be shared. */
export const catalogFiltersSchema = z.object({
  q: optional,
  type: optional,
  env: optional,
  owner: optional,
  evidence: z.enum(EVIDENCE_STATES).optional().catch(undefined),
  gaps: z.enum(["yes", "no"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  per: z.coerce
    .number()
    .refine((value) => (PER_PAGE_CHOICES as readonly number[]).includes(value))
    .catch(DEFAULT_PER_PAGE)
    .default(DEFAULT_PER_PAGE),
});

export type CatalogFilters = z.infer<typeof catalogFiltersSchema>;

export function parseCatalogFilters(
  params: Record<string, string | string[] | undefined>,
): CatalogFilters {
  const single = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return catalogFiltersSchema.parse(single);
}

type FacetName = "type" | "env" | "owner" | "evidence" | "gaps";
export type Facet = { value: string; label: string; count: number };

const NONE = "(none)";

function facetValue(row: CatalogRow, facet: FacetName): string {
  switch (facet) {
    case "type":
      return row.widget.type;
    case "env":
      return row.environment?.slug ?? NONE;
    case "owner":
      return row.owner ?? NONE;
    case "evidence":
      return row.evidence.state;
    case "gaps":
      return row.gaps.length > 0 ? "yes" : "no";
  }
}

function matches(row: CatalogRow, filters: CatalogFilters, except?: FacetName): boolean {
  for (const facet of ["type", "env", "owner", "evidence", "gaps"] as const) {
    const wanted = filters[facet];
    if (facet !== except && wanted !== undefined && facetValue(row, facet) !== wanted) return false;
  }
  return true;
}

export type CatalogPage = {
  rows: CatalogRow[];
  total: number;
  page: number;
  pageCount: number;
  facets: Record<FacetName, Facet[]>;
};

/**
 * One page of the filtered catalog, with counts per facet value computed over
 * the other filters. A search lists the best matches first (as the command
 * palette does); otherwise services lead, then each type by name.
 */
export function queryCatalog(model: CatalogModel, filters: CatalogFilters): CatalogPage {
  const needle = filters.q ? searchNeedle(filters.q) : undefined;
  const searched = needle ? rankRows(model.rows, needle) : model.rows;
  const counts: Record<FacetName, Map<string, number>> = {
    type: new Map(),
    env: new Map(),
    owner: new Map(),
    evidence: new Map(),
    gaps: new Map(),
  };
  const selected: CatalogRow[] = [];
  for (const row of searched) {
    const all = matches(row, filters);
    if (all) selected.push(row);
    for (const facet of Object.keys(counts) as FacetName[]) {
      if (all || (filters[facet] !== undefined && matches(row, filters, facet))) {
        const value = facetValue(row, facet);
        counts[facet].set(value, (counts[facet].get(value) ?? 0) + 1);
      }
    }
  }
  const label = (facet: FacetName, value: string) => {
    switch (facet) {
      case "type":
        return typeLabelPlural(value);
      case "env":
        return model.index.bySlug.get(value)?.name ?? value;
      case "gaps":
        return value === "yes" ? "has open gaps" : "no gaps";
      default:
        return value;
    }
  };
  const facets = Object.fromEntries(
    (Object.entries(counts) as [FacetName, Map<string, number>][]).map(([facet, map]) => [
      facet,
      [...map.entries()]
        .map(([value, count]) => ({ value, label: label(facet, value), count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    ]),
  ) as Record<FacetName, Facet[]>;

  const pageCount = Math.max(1, Math.ceil(selected.length / filters.per));
  const page = Math.min(filters.page, pageCount);
  return {
    rows: selected.slice((page - 1) * filters.per, page * filters.per),
    total: selected.length,
    page,
    pageCount,
    facets,
  };
}
