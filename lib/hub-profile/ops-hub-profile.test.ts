import { describe, expect, it } from "vitest";
import profileJson from "./ops-hub.json";
import { parseHubProfile } from "./schema";

const profile = parseHubProfile(profileJson);
const slugs = profile.seed.widgets.map((w) => w.slug);

describe("the ops-hub profile (workplan HF-WP-0001)", () => {
  it("classifies the hub as the VSM Operations / System 1 domain hub", () => {
    expect(profile.hub).toMatchObject({
      name: "Ops Hub",
      slug: "ops-hub",
      hub_kind: "domain",
      hub_family: "vsm",
      vsm_function: "OPS",
      vsm_system: "1",
    });
  });

  it("declares the workplan's vocabulary exactly", () => {
    expect(profile.manifest.widgetTypes).toHaveLength(14);
    expect(profile.manifest.eventTypes).toHaveLength(15);
    expect(profile.manifest.annotationCategories).toHaveLength(10);
    expect(profile.manifest.policyScopes).toHaveLength(7);
    expect(profile.manifest.eventTypes).toContain("ops-endpoint-verified");
    expect(profile.manifest.policyScopes).toContain("ops-transitional-prod");
  });

  it("seeds the 14 widgets named in T05", () => {
    for (const slug of [
      "ops-env-local",
      "ops-env-coulombcore",
      "ops-env-railiance01",
      "ops-env-threephoenix-prod",
      "ops-host-coulombcore",
      "ops-host-railiance01",
      "ops-service-catalog",
      "ops-service-gitea",
      "ops-service-state-hub",
      "ops-service-inter-hub",
      "ops-endpoint-gitea-registry",
      "ops-readiness-gitea-registry",
      "ops-readiness-state-hub-cluster-deploy",
      "ops-migration-coulombcore-to-threephoenix",
    ]) {
      expect(slugs).toContain(slug);
    }
  });

  it("seeds the four environments with their roles and IPs, and the eight T08 gates with owner and rule", () => {
    const byType = (type: string) => profile.seed.widgets.filter((w) => w.widgetType === type);
    expect(byType("ops-environment").map((w) => w.metadata.publicIps)).toEqual([
      ["92.205.130.254"],
      [],
      ["92.205.62.239"],
      [],
    ]);
    const gates = byType("ops-readiness-gate");
    expect(gates).toHaveLength(8);
    for (const gate of gates) {
      expect(gate.metadata).toMatchObject({
        wave: "ops-migration-coulombcore-to-threephoenix",
        ownerRepo: expect.any(String),
        evidenceRequirement: expect.any(String),
      });
      expect(
        (gate.metadata.rule as { requirements: unknown[] }).requirements.length,
      ).toBeGreaterThan(0);
    }
  });

  it("references only widgets it seeds", () => {
    const refs = profile.seed.widgets.flatMap((w) =>
      ["environment", "runsOn", "service", "wave", "fromEnvironment", "toEnvironment"]
        .map((field) => w.metadata[field])
        .concat(
          ...["dependsOn", "dataStores", "hosts", "protects", "items"].map(
            (field) => (w.metadata[field] as string[] | undefined) ?? [],
          ),
        )
        .filter((value): value is string => typeof value === "string"),
    );
    expect(refs.filter((ref) => !slugs.includes(ref))).toEqual([]);
  });

  it("records the T07 Gitea registry event with its metadata", () => {
    expect(profile.seed.events).toEqual([
      expect.objectContaining({
        widget: "ops-endpoint-gitea-registry",
        eventType: "ops-endpoint-verified",
        viewContext: "railiance-apps/workplans/RAIL-AP-WP-0001",
        metadata: expect.objectContaining({
          endpoint: "https://gitea.coulomb.social/v2/",
          expectedStatus: 401,
          observedHeader: "Docker-Distribution-Api-Version: registry/2.0",
          outcome: "pass",
        }),
      }),
    ]);
  });

  it("refuses a profile whose seed uses vocabulary it does not declare", () => {
    const broken = structuredClone(profileJson);
    broken.seed.widgets[0]!.widgetType = "ops-spaceship";
    broken.seed.events[0]!.widget = "ops-nowhere";
    expect(() => parseHubProfile(broken, "broken.json")).toThrow(
      /broken\.json is invalid[\s\S]*widgetType[\s\S]*ops-nowhere/,
    );
  });
});
