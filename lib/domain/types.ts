/**
 * The things ops-hub reasons about, in the app's own words. Inter-Hub's wire
 * shapes (snake_case hub fields, `widgetType`, `eventType`) are mapped to these
 * by `lib/interhub/wire.ts`; nothing else sees a wire field name.
 */
export type Metadata = Record<string, unknown>;

export type Hub = {
  id: string;
  name: string;
  slug: string;
  domain: string | null;
  kind: string;
  family: string | null;
  vsmFunction: string | null;
  vsmSystem: string | null;
  createdAt: string;
};

/** A hub's declared vocabulary, as one version of its capability manifest. */
export type Manifest = {
  id: string;
  hubId: string;
  status: "draft" | "active" | "superseded";
  description: string | null;
  widgetTypes: string[];
  eventTypes: string[];
  annotationCategories: string[];
  policyScopes: string[];
  metadata: Metadata;
  createdAt: string;
  activatedAt: string | null;
};

/** An item of the estate: an environment, host, service, endpoint, gate, risk… */
export type Widget = {
  id: string;
  hubId: string;
  type: string;
  slug: string;
  name: string;
  metadata: Metadata;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** Something that happened to an item: evidence, a verdict, a risk accepted. */
export type InteractionEvent = {
  id: string;
  hubId: string;
  widgetId: string;
  type: string;
  viewContext: string | null;
  metadata: Metadata;
  recordedBy: string | null;
  createdAt: string;
};

/** A person's note on an item. */
export type Annotation = {
  id: string;
  hubId: string;
  widgetId: string;
  category: string;
  body: string;
  metadata: Metadata;
  recordedBy: string | null;
  createdAt: string;
};

/**
 * [ours] One change of a hub's change feed, with the item as it is now (null
 * once it is gone). `position` is the cursor to ask for what came after it.
 */
export type HubChange = { position: string; at: string; widgetId: string } & (
  | {
      resource: "widget";
      action: "created" | "updated" | "deleted";
      id: string;
      widget: Widget | null;
    }
  | { resource: "interaction-event"; action: "created"; id: string; event: InteractionEvent | null }
  | { resource: "annotation"; action: "created"; id: string; annotation: Annotation | null }
);

export type ChangePage = { changes: HubChange[]; next: string; head: string; hasMore: boolean };

export type VocabularyEntry = { name: string; hubId: string; hubSlug: string; manifestId: string };

export type HubRegistryEntry = {
  hub: Hub;
  manifest: Manifest | null;
  counts: { widgets: number; interactionEvents: number; annotations: number };
};

export type Page<T> = { items: T[]; page: number; perPage: number; total: number };
