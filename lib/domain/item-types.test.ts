import { describe, expect, it } from "vitest";
import { compareTypes, eventTypeLabel, typeLabel, typeLabelPlural } from "./item-types";

describe("item types in words", () => {
  it("drops the hub's namespace and reads as a noun", () => {
    expect(typeLabel("ops-service")).toBe("Service");
    expect(typeLabel("ops-backup-set")).toBe("Backup set");
    expect(typeLabel("syn-handoff")).toBe("Handoff");
    expect(typeLabel("plain")).toBe("Plain");
    expect(typeLabelPlural("ops-endpoint")).toBe("Endpoints");
    expect(typeLabelPlural("ops-readiness-gate")).toBe("Readiness gates");
    expect(eventTypeLabel("ops-endpoint-verified")).toBe("Endpoint verified");
  });

  it("lists services first, known types in a fixed order, unknown ones after by name", () => {
    expect(
      ["ops-risk", "zz-other", "ops-endpoint", "aa-other", "ops-service", "ops-backup-set"].sort(
        compareTypes,
      ),
    ).toEqual([
      "ops-service",
      "ops-endpoint",
      "ops-backup-set",
      "ops-risk",
      "aa-other",
      "zz-other",
    ]);
  });
});
