import { z } from "zod";
import { SLUG } from "@/lib/domain/slug";

/**
 * A hub profile: everything that makes a hub this hub — identity, VSM
 * classification, manifest vocabulary, runtime consumer and seed inventory —
 * as data. Bootstrapping the next VSM hub (syn-hub, ctl-hub, …) is a new
 * profile file, not new code.
 */
const slug = z.string().regex(SLUG, "must be a lowercase slug");

export const hubProfileSchema = z
  .object({
    hub: z.object({
      name: z.string().min(1),
      slug,
      domain: z.string().nullable(),
      hub_kind: z.string().min(1),
      hub_family: z.string().min(1),
      vsm_function: z.string().min(1),
      vsm_system: z.string().min(1),
    }),
    manifest: z.object({
      description: z.string(),
      metadata: z.record(z.string(), z.unknown()).default({}),
      widgetTypes: z.array(slug).min(1),
      eventTypes: z.array(slug),
      annotationCategories: z.array(slug),
      policyScopes: z.array(slug),
    }),
    runtimeConsumer: z.object({
      name: z.string().min(1),
      scopes: z.array(z.string()).min(1),
    }),
    seed: z.object({
      /** Marks every seeded item, so the UI can say "seed data". */
      source: z.string().min(1),
      widgets: z.array(
        z.object({
          slug,
          widgetType: slug,
          name: z.string().min(1),
          metadata: z.record(z.string(), z.unknown()).default({}),
        }),
      ),
      events: z.array(
        z.object({
          /** Stable key: applying the profile again records the event once. */
          key: z.string().min(1),
          widget: slug,
          eventType: slug,
          viewContext: z.string().nullable(),
          metadata: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  })
  .superRefine((profile, ctx) => {
    const { manifest, seed } = profile;
    const slugs = new Set<string>();
    seed.widgets.forEach((widget, index) => {
      if (slugs.has(widget.slug)) {
        ctx.addIssue({
          code: "custom",
          path: ["seed", "widgets", index, "slug"],
          message: `duplicate slug ${widget.slug}`,
        });
      }
      slugs.add(widget.slug);
      if (!manifest.widgetTypes.includes(widget.widgetType)) {
        ctx.addIssue({
          code: "custom",
          path: ["seed", "widgets", index, "widgetType"],
          message: `${widget.widgetType} is not in the manifest's widget types`,
        });
      }
    });
    seed.events.forEach((event, index) => {
      if (!slugs.has(event.widget)) {
        ctx.addIssue({
          code: "custom",
          path: ["seed", "events", index, "widget"],
          message: `no seed widget ${event.widget}`,
        });
      }
      if (!manifest.eventTypes.includes(event.eventType)) {
        ctx.addIssue({
          code: "custom",
          path: ["seed", "events", index, "eventType"],
          message: `${event.eventType} is not in the manifest's event types`,
        });
      }
    });
  });

export type HubProfile = z.infer<typeof hubProfileSchema>;

export function parseHubProfile(data: unknown, origin = "hub profile"): HubProfile {
  const result = hubProfileSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`${origin} is invalid:\n  ${problems.join("\n  ")}`);
}

/** True when a widget or event's metadata says it came from a seed. */
export function isSeed(metadata: Record<string, unknown>): boolean {
  return typeof metadata.source === "string" && metadata.source.startsWith("seed:");
}
