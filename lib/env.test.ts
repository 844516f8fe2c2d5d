import { describe, expect, it } from "vitest";
import { getCliEnv, InvalidEnvError, oidcConfig, parseEnv } from "./env";

describe("configuration", () => {
  it("starts with no variables at all, on the embedded defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      OPS_HUB_DATA_DIR: "./data",
      OPS_HUB_HUB_SLUG: "ops-hub",
      INTERHUB_TIMEOUT_MS: 10_000,
    });
    expect(env.INTERHUB_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names each bad variable, and never echoes a value", () => {
    const error = (() => {
      try {
        parseEnv({
          INTERHUB_URL: "ftp://hub",
          DATABASE_URL: "mysql://u:hunter2@db/x",
          AUTH_SECRET: "short",
          INTERHUB_TIMEOUT_MS: "soon",
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEnvError);
    const message = (error as Error).message;
    for (const name of ["INTERHUB_URL", "DATABASE_URL", "AUTH_SECRET", "INTERHUB_TIMEOUT_MS"])
      expect(message).toContain(name);
    expect(message).not.toContain("hunter2");
  });

  it("requires a key for a remote Inter-Hub, from one source only", () => {
    expect(() => parseEnv({ INTERHUB_URL: "https://hub.example.org" })).toThrow(
      /OPS_HUB_KEY is required/,
    );
    expect(() =>
      parseEnv({
        INTERHUB_URL: "https://hub.example.org",
        OPS_HUB_KEY: "k",
        OPS_HUB_KEY_FILE: "/k",
      }),
    ).toThrow(/OPS_HUB_KEY_FILE conflicts/);
    expect(
      parseEnv({ INTERHUB_URL: "https://hub.example.org", OPS_HUB_KEY_FILE: "/run/key" })
        .OPS_HUB_KEY_FILE,
    ).toBe("/run/key");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", INTERHUB_URL: " " }).DATABASE_URL).toBeUndefined();
  });

  describe("probe allow list, trusted proxies, public URL", () => {
    it("default to nothing allowed, nobody trusted, no fixed origin", () => {
      const env = parseEnv({});
      expect(env.OPS_HUB_PROBE_ALLOW).toEqual({ hosts: [], ranges: [] });
      expect(env.OPS_HUB_TRUSTED_PROXIES).toEqual([]);
      expect(env.OPS_HUB_PUBLIC_URL).toBeUndefined();
    });

    it("read hosts and ranges, and an origin", () => {
      const env = parseEnv({
        OPS_HUB_PROBE_ALLOW: "10.0.0.0/8, gitea.internal",
        OPS_HUB_TRUSTED_PROXIES: "10.0.0.2,fd00::/8",
        OPS_HUB_PUBLIC_URL: "https://Ops.Example.org/",
      });
      expect(env.OPS_HUB_PROBE_ALLOW.hosts).toEqual(["gitea.internal"]);
      expect(env.OPS_HUB_PROBE_ALLOW.ranges).toHaveLength(1);
      expect(env.OPS_HUB_TRUSTED_PROXIES).toHaveLength(2);
      expect(env.OPS_HUB_PUBLIC_URL).toBe("https://ops.example.org");
      expect(getCliEnv({ OPS_HUB_PROBE_ALLOW: "localhost" }).OPS_HUB_PROBE_ALLOW.hosts).toEqual([
        "localhost",
      ]);
    });

    it("name the variable and the bad entry", () => {
      expect(() => parseEnv({ OPS_HUB_PROBE_ALLOW: "10.0.0.0/33" })).toThrow(
        /OPS_HUB_PROBE_ALLOW has "10\.0\.0\.0\/33", which is neither a host name nor an IP address or CIDR range/,
      );
      expect(() => parseEnv({ OPS_HUB_TRUSTED_PROXIES: "proxy.internal" })).toThrow(
        /OPS_HUB_TRUSTED_PROXIES has "proxy\.internal", which is not an IP address or CIDR range/,
      );
      expect(() => parseEnv({ OPS_HUB_PUBLIC_URL: "ftp://ops.example.org" })).toThrow(
        /OPS_HUB_PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/,
      );
      expect(() => parseEnv({ OPS_HUB_PUBLIC_URL: "https://ops.example.org/app" })).toThrow(
        /OPS_HUB_PUBLIC_URL must be an origin only/,
      );
      expect(() => getCliEnv({ OPS_HUB_PROBE_ALLOW: "x/y" })).toThrow(/OPS_HUB_PROBE_ALLOW has/);
    });
  });

  describe("OpenID Connect", () => {
    const oidc = {
      OIDC_ISSUER: "https://id.example.org/realms/ops",
      OIDC_CLIENT_ID: "ops-hub",
      OIDC_CLIENT_SECRET: "s3cret-value",
      OIDC_ROLE_MAP: "ops-admins=admin,ops-approvers=approver,ops=operator",
    };

    it("is off without its variables", () => {
      expect(oidcConfig(parseEnv({}))).toBeUndefined();
    });

    it("is on with all four, with defaults for the rest", () => {
      expect(oidcConfig(parseEnv(oidc))).toEqual({
        issuer: "https://id.example.org/realms/ops",
        clientId: "ops-hub",
        clientSecret: "s3cret-value",
        roleMap: { "ops-admins": "admin", "ops-approvers": "approver", ops: "operator" },
        defaultRole: undefined,
        groupsClaim: "groups",
        scopes: "openid profile email groups",
        displayName: "OpenID Connect",
      });
      expect(
        oidcConfig(
          parseEnv({
            ...oidc,
            OIDC_DEFAULT_ROLE: "viewer",
            OIDC_GROUPS_CLAIM: "roles",
            OIDC_SCOPES: "openid profile",
            OIDC_DISPLAY_NAME: "Gitea",
          }),
        ),
      ).toMatchObject({
        defaultRole: "viewer",
        groupsClaim: "roles",
        scopes: "openid profile",
        displayName: "Gitea",
      });
    });

    it("names what is missing when only some are set, never the secret", () => {
      const message = (() => {
        try {
          parseEnv({ OIDC_ISSUER: oidc.OIDC_ISSUER, OIDC_CLIENT_SECRET: oidc.OIDC_CLIENT_SECRET });
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(message).toMatch(/OIDC_CLIENT_ID is required/);
      expect(message).toMatch(/OIDC_ROLE_MAP is required/);
      expect(message).not.toMatch(/OIDC_ISSUER is required/);
      expect(message).not.toContain("s3cret-value");
    });

    it("refuses a bad role map, plain http off localhost, and scopes without openid", () => {
      expect(() => parseEnv({ ...oidc, OIDC_ROLE_MAP: "ops=root" })).toThrow(
        /OIDC_ROLE_MAP maps ops to an unknown role/,
      );
      expect(() => parseEnv({ ...oidc, OIDC_ISSUER: "http://id.example.org" })).toThrow(
        /OIDC_ISSUER must be an https:\/\/ URL/,
      );
      expect(oidcConfig(parseEnv({ ...oidc, OIDC_ISSUER: "http://localhost:9000" }))?.issuer).toBe(
        "http://localhost:9000",
      );
      expect(() => parseEnv({ ...oidc, OIDC_SCOPES: "profile groups" })).toThrow(
        /OIDC_SCOPES must include openid/,
      );
      expect(() => parseEnv({ ...oidc, OIDC_DEFAULT_ROLE: "root" })).toThrow(/OIDC_DEFAULT_ROLE/);
    });
  });
});
