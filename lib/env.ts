import { z } from "zod";
import { parseRoleMap, ROLES, type Role, type RoleMap } from "@/lib/domain/roles";
import { SLUG } from "@/lib/domain/slug";
import { parseAddressList, type AddressList, type IpRange } from "@/lib/security/ip-ranges";

/**
 * The only module that reads `process.env`. Every variable the server knows is
 * listed here, validated once, and read through `getEnv()`. Nothing here is
 * exposed to the browser: ops-hub has no `NEXT_PUBLIC_` variables.
 */
const optionalString = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string())
  .optional()
  .transform((value) => (value === "" ? undefined : value));

/** OPS_HUB_PROBE_ALLOW: host names and addresses or CIDR ranges, comma-separated. */
const probeAllowList = optionalString.transform((value, ctx): AddressList => {
  if (value === undefined) return { hosts: [], ranges: [] };
  const list = parseAddressList(value, { hosts: true });
  if ("bad" in list) {
    ctx.addIssue({
      code: "custom",
      message: `has "${list.bad}", which is neither a host name nor an IP address or CIDR range`,
    });
    return z.NEVER;
  }
  return list;
});

/** OPS_HUB_TRUSTED_PROXIES: addresses or CIDR ranges, comma-separated. */
const trustedProxies = optionalString.transform((value, ctx): IpRange[] => {
  if (value === undefined) return [];
  const list = parseAddressList(value, { hosts: false });
  if ("bad" in list) {
    ctx.addIssue({
      code: "custom",
      message: `has "${list.bad}", which is not an IP address or CIDR range`,
    });
    return z.NEVER;
  }
  return list.ranges;
});

/** OPS_HUB_PUBLIC_URL: an origin, e.g. https://ops.example.org (a trailing slash is fine). */
const publicUrl = optionalString.pipe(
  z
    .url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" })
    .refine((url) => {
      const parsed = new URL(url);
      return (
        parsed.pathname === "/" &&
        !parsed.search &&
        !parsed.hash &&
        !parsed.username &&
        !parsed.password
      );
    }, "must be an origin only, e.g. https://ops.example.org (no path, query or credentials)")
    .transform((url) => new URL(url).origin)
    .optional(),
);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    OPS_HUB_DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    INTERHUB_URL: optionalString.pipe(
      z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
    ),
    OPS_HUB_KEY: optionalString,
    OPS_HUB_KEY_FILE: optionalString,
    OPS_HUB_HUB_SLUG: z.string().regex(SLUG, "must be a lowercase slug").default("ops-hub"),
    INTERHUB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** `on`: the server probes the endpoints that declare a cadence. */
    OPS_HUB_PROBES: z.enum(["on", "off"]).default("off"),
    OPS_HUB_PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
    /** What probes may reach beyond public addresses (lib/probes/address-guard.ts). */
    OPS_HUB_PROBE_ALLOW: probeAllowList,
    /**
     * The reverse proxies in front of ops-hub: only a request from one of
     * these may say, in X-Forwarded-For/-Host/-Proto, who the client is and
     * what it addressed (lib/security/client-address.ts, public-origin.ts).
     */
    OPS_HUB_TRUSTED_PROXIES: trustedProxies,
    /** The one origin browsers use; fixes redirects and the links ops-hub hands out. */
    OPS_HUB_PUBLIC_URL: publicUrl,
    AUTH_SECRET: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
    /**
     * Tests only: lets an admin make the embedded hub fail on purpose
     * (POST /api/test/hub-faults), to prove that writes wait and are not lost.
     */
    OPS_HUB_FAULT_INJECTION: z.enum(["on", "off"]).default("off"),
    OPS_HUB_ADMIN_PASSWORD: optionalString.pipe(
      z.string().min(12, "must be at least 12 characters").optional(),
    ),
    // OpenID Connect sign-in beside local accounts: all of issuer, client id,
    // secret and role map, or none of them.
    OIDC_ISSUER: optionalString.pipe(
      z
        .url({ protocol: /^https?$/, message: "must be an https:// URL" })
        .refine(
          (url) =>
            url.startsWith("https://") ||
            /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(url),
          "must be an https:// URL (http:// only on localhost)",
        )
        .optional(),
    ),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_ROLE_MAP: optionalString.transform((value, ctx) => {
      if (value === undefined) return undefined;
      const parsed = parseRoleMap(value);
      if (typeof parsed === "string") {
        ctx.addIssue({ code: "custom", message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
    OIDC_DEFAULT_ROLE: optionalString.pipe(
      z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }).optional(),
    ),
    OIDC_GROUPS_CLAIM: optionalString.pipe(z.string().default("groups")),
    OIDC_SCOPES: optionalString.pipe(
      z
        .string()
        .regex(/(^|\s)openid(\s|$)/, "must include openid")
        .default("openid profile email groups"),
    ),
    OIDC_DISPLAY_NAME: optionalString.pipe(z.string().max(40).default("OpenID Connect")),
  })
  .superRefine((env, ctx) => {
    if (env.INTERHUB_URL && !env.OPS_HUB_KEY && !env.OPS_HUB_KEY_FILE) {
      ctx.addIssue({
        code: "custom",
        path: ["OPS_HUB_KEY"],
        message: "is required (or OPS_HUB_KEY_FILE) when INTERHUB_URL is set",
      });
    }
    const oidc = {
      OIDC_ISSUER: env.OIDC_ISSUER,
      OIDC_CLIENT_ID: env.OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET,
      OIDC_ROLE_MAP: env.OIDC_ROLE_MAP,
    };
    const given = Object.entries(oidc).filter(([, value]) => value !== undefined);
    if (given.length > 0 && given.length < 4) {
      for (const [name, value] of Object.entries(oidc)) {
        if (value === undefined)
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: `is required when ${given.map(([set]) => set).join(", ")} ${given.length === 1 ? "is" : "are"} set (OpenID Connect needs all four)`,
          });
      }
    }
    if (env.OPS_HUB_KEY && env.OPS_HUB_KEY_FILE) {
      ctx.addIssue({
        code: "custom",
        path: ["OPS_HUB_KEY_FILE"],
        message: "conflicts with OPS_HUB_KEY: set one of them",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleMap: RoleMap;
  defaultRole?: Role;
  groupsClaim: string;
  scopes: string;
  displayName: string;
};

/** The OpenID Connect settings, when sign-in through an identity provider is configured. */
export function oidcConfig(env: Env): OidcConfig | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET || !env.OIDC_ROLE_MAP)
    return undefined;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    roleMap: env.OIDC_ROLE_MAP,
    defaultRole: env.OIDC_DEFAULT_ROLE,
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    scopes: env.OIDC_SCOPES,
    displayName: env.OIDC_DISPLAY_NAME,
  };
}

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvError";
  }
}

/** Parses an environment; the error names each bad variable, never its value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new InvalidEnvError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
  );
}

/**
 * The command line's environment (`npx ops-hub`): where Inter-Hub is and
 * which files hold the keys. Keys are only ever read from files.
 */
const cliEnvSchema = z.object({
  INTERHUB_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
  ),
  /** framework:admin key, for `bootstrap` (and `gate-probe`). */
  IHUB_OPERATOR_KEY_FILE: optionalString,
  /** The runtime key, for `probe` (and `gate-probe`). */
  OPS_HUB_KEY_FILE: optionalString,
  /** The hub `probe` reads. */
  OPS_HUB_HUB_SLUG: z.string().regex(SLUG, "must be a lowercase slug").default("ops-hub"),
  /** What `probe` may reach beyond public addresses, as for the server. */
  OPS_HUB_PROBE_ALLOW: probeAllowList,
});

export type CliEnv = z.infer<typeof cliEnvSchema>;

export function getCliEnv(source: Record<string, string | undefined> = process.env): CliEnv {
  const result = cliEnvSchema.safeParse(source);
  if (result.success) return result.data;
  throw new InvalidEnvError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
  );
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
