import { describe, expect, it } from "vitest";
import { acceptRiskSchema, annotateSchema, raiseRiskSchema } from "./form-schemas";

const now = new Date("2026-11-29T12:00:00Z");
const id = "7c1e4e0e-2a8f-4c36-9a53-7b9f1c2d3e4f";
const acceptance = {
  submissionId: id,
  riskSlug: "ops-risk-rollback",
  justification: "Rollback is rehearsed in the next sprint; until then we keep CoulombCore warm.",
  policyScope: "ops-transitional-prod",
  expiresOn: "2027-01-15",
  covers: ["ops-readiness-rollback"],
};
const errors = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) =>
  Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
  );

describe("form schemas", () => {
  it("accepts a well-formed acceptance", () => {
    expect(acceptRiskSchema(now).safeParse(acceptance).success).toBe(true);
  });

  it("refuses an expiry in the past, or more than 180 days ahead, naming the limit", () => {
    expect(
      errors(acceptRiskSchema(now).safeParse({ ...acceptance, expiresOn: "2026-11-29" })),
    ).toEqual({
      expiresOn: "The expiry must be in the future",
    });
    expect(
      errors(acceptRiskSchema(now).safeParse({ ...acceptance, expiresOn: "2027-06-01" })),
    ).toEqual({
      expiresOn: "The expiry can be at most 180 days ahead (2027-05-28)",
    });
  });

  it("wants a sentence of justification and a review date before the expiry", () => {
    const result = errors(
      acceptRiskSchema(now).safeParse({
        ...acceptance,
        justification: "ok fine",
        reviewOn: "2027-02-01",
      }),
    );
    expect(result.justification).toMatch(/at least 20 characters|at least a sentence/);
    expect(result.reviewOn).toBe("The review date must fall between today and the expiry");
  });

  it("refuses wrong types and oversized text instead of coercing them", () => {
    expect(
      errors(
        annotateSchema.safeParse({
          submissionId: id,
          widgetSlug: "<script>",
          category: "ops-drift",
          body: "x".repeat(5001),
        }),
      ),
    ).toEqual({
      widgetSlug: "Choose an item from the list",
      body: "The note is at most 5000 characters",
    });
    expect(
      raiseRiskSchema.safeParse({
        submissionId: id,
        title: 42,
        severity: "apocalyptic",
        likelihood: "likely",
        policyScope: "x",
        appliesTo: [],
      }).success,
    ).toBe(false);
  });
});
