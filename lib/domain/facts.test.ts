import { describe, expect, it } from "vitest";
import { factLabel, isInternalKey, shortObserver, toFacts } from "./facts";

describe("facts for people", () => {
  it("names keys in words, keeps header names as they are", () => {
    expect(factLabel("publicIps")).toBe("Public IPs");
    expect(factLabel("expectedStatus")).toBe("Expected status");
    expect(factLabel("url")).toBe("URL");
    expect(factLabel("cadence_seconds")).toBe("Cadence seconds");
    expect(factLabel("Docker-Distribution-Api-Version")).toBe("Docker-Distribution-Api-Version");
  });

  it("shows lists as lists and objects as nested facts, never JSON", () => {
    const facts = toFacts([
      ["owner", { repo: "railiance-apps" }],
      ["publicIps", ["92.205.130.254", "10.0.0.1"]],
      ["probe", { expectedStatus: 401, expectedHeaders: { "X-A": "b" } }],
      ["public", true],
      ["notes", "Helm release in namespace default"],
    ]);
    expect(facts).toEqual([
      {
        key: "owner",
        label: "Owner",
        value: {
          kind: "facts",
          facts: [
            {
              key: "repo",
              label: "Repo",
              value: { kind: "text", text: "railiance-apps", code: true },
            },
          ],
        },
      },
      {
        key: "publicIps",
        label: "Public IPs",
        value: { kind: "text", text: "92.205.130.254, 10.0.0.1", code: true },
      },
      {
        key: "probe",
        label: "Probe",
        value: {
          kind: "facts",
          facts: [
            {
              key: "expectedStatus",
              label: "Expected status",
              value: { kind: "text", text: "401", code: true },
            },
            {
              key: "expectedHeaders",
              label: "Expected headers",
              value: {
                kind: "facts",
                facts: [
                  { key: "X-A", label: "X-A", value: { kind: "text", text: "b", code: true } },
                ],
              },
            },
          ],
        },
      },
      { key: "public", label: "Public", value: { kind: "text", text: "yes", code: false } },
      {
        key: "notes",
        label: "Notes",
        value: { kind: "text", text: "Helm release in namespace default", code: false },
      },
    ]);
    expect(JSON.stringify(facts)).not.toContain('{\\"');
  });

  it("tells bookkeeping from facts, and shortens an observer to who it was", () => {
    expect(["seedKey", "liveEventId", "source", "owner"].filter(isInternalKey)).toEqual([
      "seedKey",
      "liveEventId",
      "source",
    ]);
    expect(shortObserver("HF-WP-0001 T07 (operator, recorded by the SQL fallback)")).toBe(
      "HF-WP-0001 T07",
    );
    expect(shortObserver("e2e probe")).toBe("e2e probe");
  });
});
