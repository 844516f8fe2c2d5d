import { z } from "zod";
import { healthSpecSchema, probeSpecSchema } from "./probe-spec";

/**
 * Typed metadata per widget type, the ops vocabulary of the hub profile. Parsed
 * at the boundary; a widget whose metadata does not parse is still shown, with
 * the first problem named, never hidden and never a crash. Relations are
 * references by widget slug.
 */
const ref = z.string().min(1);
const refs = z.array(ref);
const text = z.string();

export const LIFECYCLES = [
  "local",
  "transitional-production",
  "production",
  "target",
  "retired",
] as const;
export const EXPOSURES = ["public", "nodeport", "internal"] as const;

export const environmentMetadata = z.object({
  role: z.string().min(1),
  lifecycle: z.enum(LIFECYCLES),
  publicIps: z.array(z.string()).default([]),
  notes: text.optional(),
  /** Position from current production to target. */
  order: z.number().int().optional(),
});

const owner = z.object({ repo: text.optional(), team: text.optional() });

const METADATA_SCHEMAS: Record<string, z.ZodType> = {
  "ops-environment": environmentMetadata,
  "ops-host": z.object({
    environment: ref,
    publicIp: text.optional(),
    provider: text.optional(),
    os: text.optional(),
    roles: z.array(text).optional(),
  }),
  "ops-cluster": z.object({
    environment: ref,
    hosts: refs.optional(),
    distribution: text.optional(),
    kubeContext: text.optional(),
  }),
  "ops-service": z.object({
    purpose: text.optional(),
    owner: owner.optional(),
    environment: ref.optional(),
    runsOn: ref.optional(),
    namespace: text.optional(),
    release: text.optional(),
    dependsOn: refs.optional(),
    dataStores: refs.optional(),
    tier: text.optional(),
    /** A health URL the probes check (`ops-health-checked`). */
    health: healthSpecSchema.optional(),
  }),
  "ops-endpoint": z.object({
    service: ref,
    url: z.url(),
    exposure: z.enum(EXPOSURES),
    /** What a probe expects (`ops-endpoint-verified`). */
    probe: probeSpecSchema.optional(),
  }),
  "ops-release": z.object({ service: ref, image: text.optional(), version: text.optional() }),
  "ops-backup-set": z.object({
    protects: refs.min(1),
    schedule: text.optional(),
    location: text.optional(),
    retention: text.optional(),
    backupCadenceDays: z.number().positive().optional(),
    restoreTestCadenceDays: z.number().positive().optional(),
  }),
  "ops-secret-set": z.object({ custody: z.string().min(1), owners: z.array(text).optional() }),
  "ops-runbook": z.object({
    covers: z.array(text).min(1),
    items: refs.optional(),
    location: text.optional(),
  }),
  "ops-incident": z.object({
    severity: text,
    status: text,
    affects: refs.optional(),
    start: text.optional(),
    end: text.optional(),
  }),
  "ops-readiness-gate": z.object({
    wave: ref,
    ownerRepo: z.string().min(1),
    evidenceRequirement: z.string().min(1),
    order: z.number().optional(),
    /** The policy an acceptance of this gate's risk falls under. */
    policyScope: text.optional(),
  }),
  "ops-migration-wave": z.object({
    fromEnvironment: ref,
    toEnvironment: ref,
    targetDate: text.nullable().optional(),
    /** The policy scope of its gates that name none. */
    policyScope: text.optional(),
  }),
  "ops-risk": z.object({
    severity: text.optional(),
    likelihood: text.optional(),
    appliesTo: refs.optional(),
    policyScope: text.optional(),
  }),
};

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

/**
 * Where metadata ops-hub cannot use stands in for it: stored text that is not
 * JSON, or more than ops-hub keeps of one item (lib/interhub/wire.ts). The
 * item stays listed, with this as its metadata problem and a gap, and never
 * takes the pages down or fills the server's memory.
 */
export const UNREADABLE_METADATA = "x-ops-hub-unreadable";

export function unreadableMetadata(why: string): Record<string, unknown> {
  return { [UNREADABLE_METADATA]: why };
}

export function unreadableReason(metadata: Record<string, unknown>): string | undefined {
  const why = metadata[UNREADABLE_METADATA];
  return typeof why === "string" ? why : undefined;
}

/** The first problem of a widget's metadata against its type's schema, if any. */
export function metadataProblem(widget: {
  type: string;
  metadata: Record<string, unknown>;
}): string | undefined {
  const unreadable = unreadableReason(widget.metadata);
  if (unreadable) return unreadable;
  const schema = METADATA_SCHEMAS[widget.type];
  if (!schema) return undefined;
  const parsed = parseMetadata(schema, widget.metadata);
  return parsed.ok ? undefined : parsed.problem;
}

/** The owner an item names: a repo or team, or a gate's owner repo. */
export function ownerOf(metadata: Record<string, unknown>): string | undefined {
  const value = metadata.owner;
  if (typeof value === "string" && value) return value;
  if (value && typeof value === "object") {
    const { repo, team } = value as { repo?: unknown; team?: unknown };
    if (typeof repo === "string" && repo) return repo;
    if (typeof team === "string" && team) return team;
  }
  return typeof metadata.ownerRepo === "string" && metadata.ownerRepo
    ? metadata.ownerRepo
    : undefined;
}
