import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./headers";

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split("; ").map((directive) => {
      const [name, ...values] = directive.split(" ");
      return [name!, values];
    }),
  );

describe("security headers", () => {
  it("allows scripts only with the nonce, never inline, and no framing", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123" }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
    expect(policy["upgrade-insecure-requests"]).toBeUndefined();
    // Inline style attributes are allowed (React style props); inline scripts are not.
    expect(policy["style-src"]).toContain("'unsafe-inline'");
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
  });

  it("lets forms reach the identity provider, upgrades over HTTPS, and evaluates only in development", () => {
    const policy = directives(
      contentSecurityPolicy({
        nonce: "n",
        formTargets: ["https://idp.example.org"],
        https: true,
        development: true,
      }),
    );
    expect(policy["form-action"]).toEqual(["'self'", "https://idp.example.org"]);
    expect(policy["upgrade-insecure-requests"]).toEqual([]);
    expect(policy["script-src"]).toContain("'unsafe-eval'");
  });

  it("sends HSTS only over HTTPS", () => {
    const names = (https: boolean) => securityHeaders("p", { https }).map(([name]) => name);
    expect(names(false)).not.toContain("Strict-Transport-Security");
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(Object.fromEntries(securityHeaders("p", { https: false }))).toMatchObject({
      "Content-Security-Policy": "p",
      "Referrer-Policy": "same-origin",
      "X-Content-Type-Options": "nosniff",
    });
  });

  it("makes a fresh nonce each time", () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(nonce);
  });
});
