"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { hasRole, type Role } from "@/lib/domain/roles";
import { getCurrentHubSlug } from "@/lib/interhub";
import { getOutbox } from "@/lib/outbox";
import type { Delivery, Outbox, OutboxWrite } from "@/lib/outbox/outbox";
import { getHubVocabulary } from "@/lib/data/queries";
import { isActive } from "@/lib/domain/risks";
import { getCatalogModel } from "@/lib/data/snapshot";
import {
  acceptRiskSchema,
  annotateSchema,
  raiseRiskSchema,
  resolveSchema,
  revokeSchema,
} from "./schemas";
import { formValues, type FormState } from "./state";

/**
 * The operators' writes. Each is a public POST endpoint, so each checks who
 * is asking and what they may do, parses its input, checks it against the
 * hub's vocabulary and inventory, and only then writes — through the outbox,
 * so an Inter-Hub outage delays a write but never loses it.
 */
type Field = string;

function fail(
  form: FormData,
  message: string,
  fieldErrors?: Record<Field, string[] | undefined>,
): FormState {
  return { status: "error", message, fieldErrors, values: formValues(form) };
}

async function authorize(
  form: FormData,
  role: Role,
): Promise<{ user: { id: string; name: string } } | { state: FormState }> {
  const user = await getSessionUser();
  if (!user) return { state: fail(form, "Your session has ended. Sign in again to save this.") };
  if (!hasRole(user.role, role))
    return {
      state: fail(form, `Only an ${role} or above may do this; you are signed in as ${user.role}.`),
    };
  return { user: { id: user.id, name: user.name } };
}

function invalid(form: FormData, error: z.ZodError): FormState {
  return fail(
    form,
    "Some fields need attention.",
    z.flattenError(error).fieldErrors as Record<Field, string[]>,
  );
}

function outcome(delivery: Delivery, form: FormData, saved: string): FormState {
  if (delivery.status === "delivered") return { status: "saved", message: saved };
  if (delivery.status === "queued") {
    return {
      status: "queued",
      message: `Saved, waiting to sync: Inter-Hub did not answer (${delivery.reason}). ops-hub delivers it by itself.`,
    };
  }
  return fail(form, `Inter-Hub refused it: ${delivery.reason}. Nothing was written.`);
}

/** Writes go to the hub the user is looking at, through the outbox. */
async function submit(
  write: OutboxWrite,
  meta: Parameters<Outbox["submit"]>[1],
): Promise<Delivery> {
  const [outbox, hub] = await Promise.all([getOutbox(), getCurrentHubSlug()]);
  return outbox.submit({ ...write, hub }, meta);
}

function read(form: FormData, ...multi: string[]) {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") return null; // a file where text belongs
    if (multi.includes(key))
      values[key] = [...((values[key] as string[] | undefined) ?? []), value];
    else values[key] = value;
  }
  for (const key of multi) values[key] ??= [];
  return values;
}

export async function annotateAction(_previous: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(form, "operator");
  if ("state" in auth) return auth.state;
  const parsed = annotateSchema.safeParse(read(form));
  if (!parsed.success) return invalid(form, parsed.error);
  const { submissionId, widgetSlug, category, body, link } = parsed.data;
  const [model, vocabulary] = await Promise.all([getCatalogModel(), getHubVocabulary()]);
  const widget = model.index.bySlug.get(widgetSlug);
  if (!widget)
    return fail(form, "That item does not exist (any more).", { widgetSlug: ["Unknown item"] });
  if (!vocabulary.annotationCategories.includes(category)) {
    return fail(form, "Choose a category from the list.", {
      category: [`${category} is not a category of this hub`],
    });
  }
  const write: OutboxWrite = {
    kind: "annotation",
    payload: {
      widgetSlug,
      category,
      body,
      metadata: { ...(link ? { link } : {}), author: auth.user },
    },
  };
  const delivery = await submit(write, {
    summary: `${category} annotation on ${widget.name}`,
    author: auth.user,
    idempotencyKey: `form:${submissionId}`,
  });
  revalidatePath(`/catalog/${widgetSlug}`);
  return outcome(delivery, form, "Annotation recorded.");
}

export async function resolveAnnotationAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const auth = await authorize(form, "operator");
  if ("state" in auth) return auth.state;
  const parsed = resolveSchema.safeParse(read(form));
  if (!parsed.success) return invalid(form, parsed.error);
  const { submissionId, widgetSlug, annotationId, note } = parsed.data;
  const model = await getCatalogModel();
  const annotation = model.openAnnotations.find((a) => a.id === annotationId);
  const widget = model.index.bySlug.get(widgetSlug);
  if (!annotation || !widget || annotation.widgetId !== widget.id)
    return fail(form, "That annotation is not open on this item (any more).");
  const delivery = await submit(
    {
      kind: "annotation",
      payload: {
        widgetSlug,
        category: annotation.category,
        body: note ? `Resolved: ${note}` : "Resolved.",
        metadata: { resolves: annotation.id, author: auth.user },
      },
    },
    {
      summary: `resolution of a ${annotation.category} annotation on ${widget.name}`,
      author: auth.user,
      idempotencyKey: `form:${submissionId}`,
    },
  );
  revalidatePath(`/catalog/${widgetSlug}`);
  return outcome(delivery, form, "Annotation resolved.");
}

function riskSlug(title: string): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "risk";
  return `ops-risk-${base}-${randomBytes(2).toString("hex")}`;
}

export async function raiseRiskAction(_previous: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(form, "operator");
  if ("state" in auth) return auth.state;
  const parsed = raiseRiskSchema.safeParse(read(form, "appliesTo"));
  if (!parsed.success) return invalid(form, parsed.error);
  const { submissionId, title, description, severity, likelihood, policyScope, appliesTo } =
    parsed.data;
  const [model, vocabulary] = await Promise.all([getCatalogModel(), getHubVocabulary()]);
  const unknown = appliesTo.filter((slug) => !model.index.bySlug.has(slug));
  if (unknown.length > 0)
    return fail(form, "Some items do not exist.", {
      appliesTo: [`Unknown: ${unknown.join(", ")}`],
    });
  if (!vocabulary.policyScopes.includes(policyScope))
    return fail(form, "Choose a policy scope from the list.", {
      policyScope: ["Not a policy scope of this hub"],
    });
  const slug = riskSlug(title);
  const widget = await submit(
    {
      kind: "widget",
      payload: {
        widgetType: "ops-risk",
        slug,
        name: title,
        metadata: {
          severity,
          likelihood,
          policyScope,
          appliesTo,
          description,
          raisedBy: auth.user,
        },
      },
    },
    {
      summary: `risk “${title}”`,
      author: auth.user,
      idempotencyKey: `form:${submissionId}:widget`,
    },
  );
  if (widget.status === "rejected") return outcome(widget, form, "");
  const event = await submit(
    {
      kind: "event",
      payload: {
        widgetSlug: slug,
        eventType: "ops-risk-raised",
        metadata: {
          severity,
          likelihood,
          appliesTo,
          raisedBy: auth.user,
          observer: auth.user.name,
        },
      },
    },
    {
      summary: `ops-risk-raised on “${title}”`,
      author: auth.user,
      idempotencyKey: `form:${submissionId}:event`,
    },
  );
  revalidatePath("/risks");
  return outcome(widget.status === "queued" ? widget : event, form, `Risk “${title}” raised.`);
}

export async function acceptRiskAction(_previous: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize(form, "approver");
  if ("state" in auth) return auth.state;
  const now = new Date();
  const parsed = acceptRiskSchema(now).safeParse(read(form, "covers"));
  if (!parsed.success) return invalid(form, parsed.error);
  const {
    submissionId,
    riskSlug: slug,
    justification,
    policyScope,
    expiresOn,
    reviewOn,
    compensatingControls,
    covers,
  } = parsed.data;
  const [model, vocabulary] = await Promise.all([getCatalogModel(), getHubVocabulary()]);
  const risk = model.index.bySlug.get(slug);
  if (!risk || risk.type !== "ops-risk")
    return fail(form, "Choose a raised risk.", { riskSlug: ["Not a risk of this hub"] });
  const unknown = covers.filter((s) => !model.index.bySlug.has(s));
  if (unknown.length > 0)
    return fail(form, "Some items do not exist.", { covers: [`Unknown: ${unknown.join(", ")}`] });
  if (!vocabulary.policyScopes.includes(policyScope))
    return fail(form, "Choose a policy scope from the list.", {
      policyScope: ["Not a policy scope of this hub"],
    });
  const delivery = await submit(
    {
      kind: "event",
      payload: {
        widgetSlug: slug,
        eventType: "ops-risk-accepted",
        viewContext: "ops-hub risk register",
        metadata: {
          covers,
          // The acceptance holds through the whole expiry day (UTC).
          expiresAt: `${expiresOn}T23:59:59.000Z`,
          justification,
          policyScope,
          reviewAt: reviewOn,
          compensatingControls,
          acceptedBy: auth.user,
          observer: auth.user.name,
        },
      },
    },
    {
      summary: `acceptance of “${risk.name}” until ${expiresOn}`,
      author: auth.user,
      idempotencyKey: `form:${submissionId}`,
    },
  );
  revalidatePath("/risks");
  revalidatePath("/migrations", "layout");
  return outcome(delivery, form, `Risk accepted until ${expiresOn}, signed by ${auth.user.name}.`);
}

export async function revokeAcceptanceAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const auth = await authorize(form, "approver");
  if ("state" in auth) return auth.state;
  const parsed = revokeSchema.safeParse(read(form));
  if (!parsed.success) return invalid(form, parsed.error);
  const { submissionId, acceptanceId, reason } = parsed.data;
  const model = await getCatalogModel();
  const acceptance = model.acceptances.find((a) => a.event.id === acceptanceId);
  if (!acceptance || !acceptance.risk || !isActive(acceptance, new Date()))
    return fail(form, "That acceptance is not active (any more).");
  const delivery = await submit(
    {
      kind: "event",
      payload: {
        widgetSlug: acceptance.risk.slug,
        eventType: "ops-risk-accepted",
        viewContext: "ops-hub risk register",
        metadata: {
          action: "revoke",
          revokes: acceptanceId,
          reason,
          revokedBy: auth.user,
          observer: auth.user.name,
        },
      },
    },
    {
      summary: `revocation of the acceptance of “${acceptance.risk.name}”`,
      author: auth.user,
      idempotencyKey: `form:${submissionId}`,
    },
  );
  revalidatePath("/risks");
  revalidatePath("/migrations", "layout");
  return outcome(delivery, form, "Acceptance revoked.");
}
