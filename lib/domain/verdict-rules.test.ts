import { describe, expect, it } from "vitest";
import { gatePolicyScope, needsAcceptance } from "./gate-policy";
import { verdictContradicts } from "./verdict-rules";

describe("a verdict against the evidence", () => {
  it("is a pass on evidence that does not pass, or a fail on evidence that does", () => {
    for (const status of ["failing", "stale", "blocked", "unknown"] as const)
      expect(verdictContradicts("pass", status), status).toBe(true);
    expect(verdictContradicts("pass", "passed")).toBe(false);
    expect(verdictContradicts("fail", "passed")).toBe(true);
    expect(verdictContradicts("fail", "failing")).toBe(false);
    expect(verdictContradicts("defer", "failing")).toBe(false);
  });
});

describe("accepting a gate's risk", () => {
  it("is offered on failing, stale and blocked gates only", () => {
    expect(["failing", "stale", "blocked"].every((s) => needsAcceptance(s as never))).toBe(true);
    for (const status of ["passed", "risk-accepted", "unknown"] as const)
      expect(needsAcceptance(status), status).toBe(false);
  });

  it("falls under the gate's policy scope, else its wave's, if the hub declares it", () => {
    const scopes = ["ops-registry", "ops-threephoenix"];
    const wave = { metadata: { policyScope: "ops-threephoenix" } };
    expect(gatePolicyScope({ metadata: { policyScope: "ops-registry" } }, wave, scopes)).toBe(
      "ops-registry",
    );
    expect(gatePolicyScope({ metadata: {} }, wave, scopes)).toBe("ops-threephoenix");
    expect(gatePolicyScope({ metadata: { policyScope: "gone" } }, undefined, scopes)).toBe(
      undefined,
    );
  });
});
