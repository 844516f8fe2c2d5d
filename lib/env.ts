import { z } from "zod";

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
    OPS_HUB_HUB_SLUG: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "must be a lowercase slug")
      .default("ops-hub"),
    INTERHUB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    AUTH_SECRET: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
    OPS_HUB_ADMIN_PASSWORD: optionalString.pipe(
      z.string().min(12, "must be at least 12 characters").optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.INTERHUB_URL && !env.OPS_HUB_KEY && !env.OPS_HUB_KEY_FILE) {
      ctx.addIssue({
        code: "custom",
        path: ["OPS_HUB_KEY"],
        message: "is required (or OPS_HUB_KEY_FILE) when INTERHUB_URL is set",
      });
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

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
