import { z } from "zod";

/**
 * Typed metadata per widget type (../shared/design/evidence-model.md). Parsed
 * at the boundary; a widget whose metadata does not parse is still shown, with
 * the first problem named, never hidden and never a crash.
 */
const slugRef = z.string().min(1);

export const LIFECYCLES = [
  "local",
  "transitional-production",
  "production",
  "target",
  "retired",
] as const;

export const environmentMetadata = z.object({
  role: z.string().min(1),
  lifecycle: z.enum(LIFECYCLES),
  publicIps: z.array(z.string()).default([]),
  notes: z.string().optional(),
  /** Position from current production to target. */
  order: z.number().int().optional(),
});

export const placementMetadata = z.object({
  environment: slugRef.optional(),
  runsOn: slugRef.optional(),
  hosts: z.array(slugRef).optional(),
});

export type EnvironmentMetadata = z.infer<typeof environmentMetadata>;

export type ParsedMetadata<T> = { ok: true; data: T } | { ok: false; problem: string };

export function parseMetadata<T>(
  schema: z.ZodType<T>,
  metadata: Record<string, unknown>,
): ParsedMetadata<T> {
  const result = schema.safeParse(metadata);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, problem: `${issue.path.join(".") || "metadata"}: ${issue.message}` };
}
