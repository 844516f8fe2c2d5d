import profileJson from "@/lib/hub-profile/ops-hub.json";
import { parseHubProfile } from "@/lib/hub-profile/schema";
import type { Annotation, InteractionEvent, Widget } from "@/lib/domain/types";

/** The seed inventory as widgets, for tests of the pure ops logic. */
export function seedWidgets(): Widget[] {
  return parseHubProfile(profileJson).seed.widgets.map((seed, index) => ({
    id: `w-${seed.slug}`,
    hubId: "hub",
    type: seed.widgetType,
    slug: seed.slug,
    name: seed.name,
    metadata: { ...seed.metadata, source: "seed:HF-WP-0001" },
    version: 1,
    createdAt: new Date(Date.UTC(2026, 5, 15, 0, index)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 5, 15, 0, index)).toISOString(),
  }));
}

let counter = 0;

export function event(
  widget: Widget,
  type: string,
  at: Date,
  metadata: Record<string, unknown> = {},
): InteractionEvent {
  counter += 1;
  return {
    id: `e${counter}`,
    hubId: "hub",
    widgetId: widget.id,
    type,
    viewContext: null,
    metadata,
    recordedBy: "consumer",
    createdAt: at.toISOString(),
  };
}

export function annotation(
  widget: Widget,
  category: string,
  body: string,
  metadata: Record<string, unknown> = {},
): Annotation {
  counter += 1;
  return {
    id: `a${counter}`,
    hubId: "hub",
    widgetId: widget.id,
    category,
    body,
    metadata,
    recordedBy: "consumer",
    createdAt: new Date(Date.UTC(2026, 10, 1)).toISOString(),
  };
}

export const bySlug = (widgets: Widget[], slug: string) => {
  const widget = widgets.find((w) => w.slug === slug);
  if (!widget) throw new Error(`no fixture widget ${slug}`);
  return widget;
};
