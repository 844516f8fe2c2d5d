import { describe, expect, it } from "vitest";
import profileJson from "@/lib/hub-profile/ops-hub.json";
import { parseHubProfile } from "@/lib/hub-profile/schema";
import type { Widget } from "@/lib/interhub/wire";
import { summarizeEnvironments } from "./environments";

const widgets: Widget[] = parseHubProfile(profileJson).seed.widgets.map((seed, index) => ({
  id: `w${index}`,
  hubId: "h",
  type: seed.widgetType,
  slug: seed.slug,
  name: seed.name,
  metadata: { ...seed.metadata, source: "seed:HF-WP-0001" },
  version: 1,
  createdAt: "2026-06-15T00:00:00.000Z",
  updatedAt: "2026-06-15T00:00:00.000Z",
}));

describe("environment summaries", () => {
  it("orders the seed's environments from current production to target, with what runs in each", () => {
    const summaries = summarizeEnvironments(widgets);
    expect(summaries.map((s) => s.widget.slug)).toEqual([
      "ops-env-coulombcore",
      "ops-env-local",
      "ops-env-railiance01",
      "ops-env-threephoenix-prod",
    ]);
    const coulombcore = summaries[0]!;
    expect(coulombcore.seed).toBe(true);
    // Gitea, its PostgreSQL and its shared storage; its web, registry and NodePort endpoints.
    expect(coulombcore.counts).toEqual({ hosts: 1, clusters: 1, services: 3, endpoints: 3 });
    expect(summaries[3]!.counts).toEqual({ hosts: 0, clusters: 0, services: 0, endpoints: 0 });
  });

  it("still shows an environment whose metadata does not parse, naming the field, last", () => {
    const broken = {
      ...widgets[0]!,
      id: "x",
      slug: "ops-env-broken",
      name: "Broken",
      metadata: { role: "r", lifecycle: "someday" },
    };
    const summaries = summarizeEnvironments([broken, ...widgets]);
    const last = summaries.at(-1)!;
    expect(last.widget.slug).toBe("ops-env-broken");
    expect(last.metadata).toEqual({ ok: false, problem: expect.stringContaining("lifecycle") });
  });
});
