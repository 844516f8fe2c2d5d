import { z } from "zod";
import { SLUG } from "@/lib/domain/slug";
import { LIKELIHOODS, SEVERITIES } from "@/lib/domain/risk-scales";
import { DAY_MS } from "@/lib/domain/time";
import { TEXT_LIMITS } from "./text-limits";

/**
 * The operator forms' inputs, parsed on the server (every server action is a
 * public POST endpoint). Text is trimmed and bounded; what must come from the
 * hub's vocabulary or inventory is checked against it by the action.
 */
export const MAX_ACCEPTANCE_DAYS = 180;

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(min, min <= 1 ? `${label} is required` : `${label} needs at least ${min} characters`)
    .max(max, `${label} is at most ${max} characters`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .optional()
    .transform((value) => value || undefined);
const slug = z
  .string()
  .trim()
  .max(120, "Choose an item from the list")
  .regex(SLUG, "Choose an item from the list");
const submissionId = z.uuid("The form is out of date: reload the page");
const isoDate = (label: string) => z.iso.date({ error: `${label} must be a date` });

export const annotateSchema = z.object({
  submissionId,
  widgetSlug: slug,
  category: z.string().trim().min(1, "Choose a category"),
  body: text("The note", 1, TEXT_LIMITS.note),
  link: z
    .union([
      z.literal(""),
      z.url({ protocol: /^https?$/, error: "The link must be an http(s) address" }),
    ])
    .optional()
    .transform((value) => value || undefined),
});

export const resolveSchema = z.object({
  submissionId,
  widgetSlug: slug,
  annotationId: z.string().trim().min(1).max(100),
  note: optionalText("The note", 2000),
});

export { LIKELIHOODS, SEVERITIES } from "@/lib/domain/risk-scales";

const riskFields = {
  title: text("The title", 3, TEXT_LIMITS.title),
  severity: z.enum(SEVERITIES, { error: "Choose a severity" }),
  likelihood: z.enum(LIKELIHOODS, { error: "Choose a likelihood" }),
  policyScope: z.string().trim().min(1, "Choose a policy scope"),
};

export const raiseRiskSchema = z.object({
  submissionId,
  ...riskFields,
  description: optionalText("The description", TEXT_LIMITS.description),
  appliesTo: z
    .array(slug)
    .min(1, "Choose at least one item or gate it applies to")
    .max(50, "At most 50 items"),
});

/** What every acceptance says, whichever form it comes from; `now` decides "in the future" and "180 days ahead". */
function acceptanceFields(now: Date) {
  const today = now.toISOString().slice(0, 10);
  const latest = new Date(now.getTime() + MAX_ACCEPTANCE_DAYS * DAY_MS).toISOString().slice(0, 10);
  return {
    justification: text("The justification", 20, TEXT_LIMITS.justification).refine(
      (value) => value.split(/\s+/).length >= 4,
      { message: "The justification needs at least a sentence" },
    ),
    policyScope: riskFields.policyScope,
    expiresOn: isoDate("The expiry")
      .refine((value) => value > today, "The expiry must be in the future")
      .refine(
        (value) => value <= latest,
        `The expiry can be at most ${MAX_ACCEPTANCE_DAYS} days ahead (${latest})`,
      ),
    reviewOn: z
      .union([z.literal(""), isoDate("The review date")])
      .optional()
      .transform((value) => value || undefined),
    compensatingControls: optionalText(
      "The compensating controls",
      TEXT_LIMITS.compensatingControls,
    ),
    covers: z
      .array(slug)
      .min(1, "Choose at least one gate or item it covers")
      .max(50, "At most 50 items"),
  };
}

/** The review date, when given, falls between today and the expiry. */
function reviewWithinExpiry(now: Date) {
  const today = now.toISOString().slice(0, 10);
  return (value: { reviewOn?: string; expiresOn: string }, ctx: z.RefinementCtx) => {
    if (value.reviewOn && (value.reviewOn < today || value.reviewOn > value.expiresOn)) {
      ctx.addIssue({
        code: "custom",
        path: ["reviewOn"],
        message: "The review date must fall between today and the expiry",
      });
    }
  };
}

export function acceptRiskSchema(now: Date) {
  return z
    .object({ submissionId, riskSlug: slug, ...acceptanceFields(now) })
    .superRefine(reviewWithinExpiry(now));
}

/** Raise a risk on a gate and accept it, in one form: the risk's fields and the acceptance's. */
export function acceptGateRiskSchema(now: Date) {
  return z
    .object({ submissionId, gateSlug: slug, ...riskFields, ...acceptanceFields(now) })
    .superRefine(reviewWithinExpiry(now));
}

export const revokeSchema = z.object({
  submissionId,
  acceptanceId: z.string().trim().min(1).max(100),
  reason: text("The reason", 10, TEXT_LIMITS.reason),
});
