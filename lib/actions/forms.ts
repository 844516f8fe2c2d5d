"use server";

import { createHash, randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { getHubVocabulary } from "@/lib/data/queries";
import { getHubSnapshot } from "@/lib/data/snapshot";
import { writeToHub } from "@/lib/data/write";
import { isActive } from "@/lib/domain/risks";
import { getCurrentHubSlug } from "@/lib/interhub";
import type { HubWrite } from "@/lib/interhub/hub-write";
import type { Delivery } from "@/lib/outbox/outbox";
import {
  acceptGateRiskSchema,
  acceptRiskSchema,
  annotateSchema,
  raiseRiskSchema,
  resolveSchema,
  revokeSchema,
} from "./form-schemas";
import type { FormState } from "./form-state";
import { done, failed, invalid, readForm, requireRole, type Actor } from "./kit";

/**
 * The operators' writes: annotations and the risk register. Each checks who
 * is asking and what they may do, parses its input, checks it against the
 * vocabulary and inventory of the hub the user is looking at, and writes to
 * that hub through the outbox, so an Inter-Hub outage delays a write but
 * never loses it.
 */
const author = (actor: Actor) => ({ id: actor.id, name: actor.name });

function answer(delivery: Delivery, form: FormData, saved: string): FormState {
  if (delivery.status === "delivered") return done(saved);
  if (delivery.status === "queued")
    return done(
      `Saved, waiting to sync: Inter-Hub did not answer (${delivery.reason}). ops-hub delivers it by itself.`,
      { queued: true },
    );
  return failed(form, `Inter-Hub refused it: ${delivery.reason}. Nothing was written.`);
}

/** The hub this request shows, and what ops-hub knows of it now. */
async function viewedHub() {
  const hub = await getCurrentHubSlug();
  const [snapshot, vocabulary] = await Promise.all([getHubSnapshot(hub), getHubVocabulary()]);
  return { hub, model: snapshot.model, vocabulary };
}

/**
 * The refusal for a risk form whose items or policy scope the hub does not
 * know; undefined when it knows them all.
 */
function unknownInventory(
  form: FormData,
  { model, vocabulary }: Awaited<ReturnType<typeof viewedHub>>,
  items: { field: string; slugs: string[] },
  policyScope: string,
): FormState | undefined {
  const unknown = items.slugs.filter((slug) => !model.index.bySlug.has(slug));
  if (unknown.length > 0)
    return invalid(
      form,
      { [items.field]: [`Unknown: ${unknown.join(", ")}`] },
      "Some items do not exist.",
    );
  if (!vocabulary.policyScopes.includes(policyScope))
    return invalid(
      form,
      { policyScope: ["Not a policy scope of this hub"] },
      "Choose a policy scope from the list.",
    );
  return undefined;
}

function submit(write: HubWrite, actor: Actor, summary: string, idempotencyKey: string) {
  return writeToHub(write, { via: "outbox", summary, author: author(actor), idempotencyKey });
}

export async function annotateAction(_previous: FormState, form: FormData): Promise<FormState> {
  const who = await requireRole("operator");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, annotateSchema);
  if (!input.ok) return input.state;
  const { submissionId, widgetSlug, category, body, link } = input.data;
  const { hub, model, vocabulary } = await viewedHub();
  const widget = model.index.bySlug.get(widgetSlug);
  if (!widget)
    return invalid(form, { widgetSlug: ["Unknown item"] }, "That item does not exist (any more).");
  if (!vocabulary.annotationCategories.includes(category))
    return invalid(
      form,
      { category: [`${category} is not a category of this hub`] },
      "Choose a category from the list.",
    );
  const delivery = await submit(
    {
      hub,
      kind: "annotation",
      payload: {
        widgetSlug,
        category,
        body,
        metadata: { ...(link ? { link } : {}), author: author(who.actor) },
      },
    },
    who.actor,
    `${category} annotation on ${widget.name}`,
    `form:${submissionId}`,
  );
  revalidatePath(`/catalog/${widgetSlug}`);
  return answer(delivery, form, "Annotation recorded.");
}

export async function resolveAnnotationAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const who = await requireRole("operator");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, resolveSchema);
  if (!input.ok) return input.state;
  const { submissionId, widgetSlug, annotationId, note } = input.data;
  const { hub, model } = await viewedHub();
  const annotation = model.openAnnotations.find((a) => a.id === annotationId);
  const widget = model.index.bySlug.get(widgetSlug);
  if (!annotation || !widget || annotation.widgetId !== widget.id)
    return failed(form, "That annotation is not open on this item (any more).");
  const delivery = await submit(
    {
      hub,
      kind: "annotation",
      payload: {
        widgetSlug,
        category: annotation.category,
        body: note ? `Resolved: ${note}` : "Resolved.",
        metadata: { resolves: annotation.id, author: author(who.actor) },
      },
    },
    who.actor,
    `resolution of a ${annotation.category} annotation on ${widget.name}`,
    `form:${submissionId}`,
  );
  revalidatePath(`/catalog/${widgetSlug}`);
  return answer(delivery, form, "Annotation resolved.");
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
  const who = await requireRole("operator");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, raiseRiskSchema, { multi: ["appliesTo"] });
  if (!input.ok) return input.state;
  const { submissionId, title, description, severity, likelihood, policyScope, appliesTo } =
    input.data;
  const viewed = await viewedHub();
  const refusal = unknownInventory(
    form,
    viewed,
    { field: "appliesTo", slugs: appliesTo },
    policyScope,
  );
  if (refusal) return refusal;
  const { hub } = viewed;
  const slug = riskSlug(title);
  const raisedBy = author(who.actor);
  const widget = await submit(
    {
      hub,
      kind: "widget",
      payload: {
        widgetType: "ops-risk",
        slug,
        name: title,
        metadata: { severity, likelihood, policyScope, appliesTo, description, raisedBy },
      },
    },
    who.actor,
    `risk “${title}”`,
    `form:${submissionId}:widget`,
  );
  if (widget.status === "rejected") return answer(widget, form, "");
  const event = await submit(
    {
      hub,
      kind: "event",
      payload: {
        widgetSlug: slug,
        eventType: "ops-risk-raised",
        metadata: { severity, likelihood, appliesTo, raisedBy, observer: who.actor.name },
      },
    },
    who.actor,
    `ops-risk-raised on “${title}”`,
    `form:${submissionId}:event`,
  );
  revalidatePath("/risks");
  return answer(widget.status === "queued" ? widget : event, form, `Risk “${title}” raised.`);
}

export async function acceptRiskAction(_previous: FormState, form: FormData): Promise<FormState> {
  const who = await requireRole("approver");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, acceptRiskSchema(new Date()), { multi: ["covers"] });
  if (!input.ok) return input.state;
  const {
    submissionId,
    riskSlug: slug,
    justification,
    policyScope,
    expiresOn,
    reviewOn,
    compensatingControls,
    covers,
  } = input.data;
  const viewed = await viewedHub();
  const risk = viewed.model.index.bySlug.get(slug);
  if (!risk || risk.type !== "ops-risk")
    return invalid(form, { riskSlug: ["Not a risk of this hub"] }, "Choose a raised risk.");
  const refusal = unknownInventory(form, viewed, { field: "covers", slugs: covers }, policyScope);
  if (refusal) return refusal;
  const { hub } = viewed;
  const delivery = await submit(
    {
      hub,
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
          acceptedBy: author(who.actor),
          observer: who.actor.name,
        },
      },
    },
    who.actor,
    `acceptance of “${risk.name}” until ${expiresOn}`,
    `form:${submissionId}`,
  );
  revalidatePath("/risks");
  revalidatePath("/migrations", "layout");
  return answer(delivery, form, `Risk accepted until ${expiresOn}, signed by ${who.actor.name}.`);
}

/** A risk's slug made from the submission, so sending the same form again names the same risk. */
function gateRiskSlug(title: string, submissionId: string): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "risk";
  return `ops-risk-${base}-${createHash("sha256").update(submissionId).digest("hex").slice(0, 6)}`;
}

/**
 * "Accept risk…" on a gate: raises the risk and accepts it in one step. One
 * decision for the approver, three writes for the hub (the risk, its
 * raising, its acceptance), in that order through the outbox. Everything is
 * checked before the first write, so a refusal writes nothing; if Inter-Hub
 * refuses a later write, the form says what was kept and sending it again
 * completes the rest (each write's key comes from the submission, and a
 * write Inter-Hub has already taken is answered, not repeated).
 */
export async function acceptGateRiskAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const who = await requireRole("approver");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, acceptGateRiskSchema(new Date()), { multi: ["covers"] });
  if (!input.ok) return input.state;
  const {
    submissionId,
    gateSlug,
    title,
    severity,
    likelihood,
    justification,
    policyScope,
    expiresOn,
    reviewOn,
    compensatingControls,
    covers,
  } = input.data;
  const viewed = await viewedHub();
  const gate = viewed.model.index.bySlug.get(gateSlug);
  if (!gate || gate.type !== "ops-readiness-gate")
    return failed(form, "That gate does not exist (any more). Reload the page.");
  if (!covers.includes(gateSlug))
    return invalid(
      form,
      { covers: [`Keep “${gate.name}” checked: the acceptance starts from it.`] },
      "Check what it covers.",
    );
  const refusal = unknownInventory(form, viewed, { field: "covers", slugs: covers }, policyScope);
  if (refusal) return refusal;

  const { hub } = viewed;
  const slug = gateRiskSlug(title, submissionId);
  const signer = author(who.actor);
  const widget = await submit(
    {
      hub,
      kind: "widget",
      payload: {
        widgetType: "ops-risk",
        slug,
        name: title,
        metadata: {
          severity,
          likelihood,
          policyScope,
          appliesTo: covers,
          description: justification,
          raisedBy: signer,
        },
      },
    },
    who.actor,
    `risk “${title}” on ${gate.name}`,
    `form:${submissionId}:widget`,
  );
  if (widget.status === "rejected") return answer(widget, form, "");
  const kept = `The risk “${title}” was raised, but its acceptance was not recorded`;
  const raised = await submit(
    {
      hub,
      kind: "event",
      payload: {
        widgetSlug: slug,
        eventType: "ops-risk-raised",
        metadata: {
          severity,
          likelihood,
          appliesTo: covers,
          raisedBy: signer,
          observer: signer.name,
        },
      },
    },
    who.actor,
    `ops-risk-raised on “${title}”`,
    `form:${submissionId}:raised`,
  );
  if (raised.status === "rejected")
    return failed(form, `${kept}: Inter-Hub refused it (${raised.reason}). Send the form again.`);
  const accepted = await submit(
    {
      hub,
      kind: "event",
      payload: {
        widgetSlug: slug,
        eventType: "ops-risk-accepted",
        viewContext: `ops-hub gate ${gate.slug}`,
        metadata: {
          covers,
          // The acceptance holds through the whole expiry day (UTC).
          expiresAt: `${expiresOn}T23:59:59.000Z`,
          justification,
          policyScope,
          reviewAt: reviewOn,
          compensatingControls,
          acceptedBy: signer,
          observer: signer.name,
        },
      },
    },
    who.actor,
    `acceptance of “${title}” until ${expiresOn}`,
    `form:${submissionId}:accepted`,
  );
  if (accepted.status === "rejected")
    return failed(form, `${kept}: Inter-Hub refused it (${accepted.reason}). Send the form again.`);
  revalidatePath("/risks");
  revalidatePath("/migrations", "layout");
  const queued = [widget, raised, accepted].find((delivery) => delivery.status === "queued");
  return answer(
    queued ?? accepted,
    form,
    `Risk “${title}” raised and accepted on “${gate.name}” until ${expiresOn}, signed by ${signer.name}.`,
  );
}

export async function revokeAcceptanceAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const who = await requireRole("approver");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, revokeSchema);
  if (!input.ok) return input.state;
  const { submissionId, acceptanceId, reason } = input.data;
  const { hub, model } = await viewedHub();
  const acceptance = model.acceptances.find((a) => a.event.id === acceptanceId);
  if (!acceptance || !acceptance.risk || !isActive(acceptance, new Date()))
    return failed(form, "That acceptance is not active (any more).");
  const delivery = await submit(
    {
      hub,
      kind: "event",
      payload: {
        widgetSlug: acceptance.risk.slug,
        eventType: "ops-risk-accepted",
        viewContext: "ops-hub risk register",
        metadata: {
          action: "revoke",
          revokes: acceptanceId,
          reason,
          revokedBy: author(who.actor),
          observer: who.actor.name,
        },
      },
    },
    who.actor,
    `revocation of the acceptance of “${acceptance.risk.name}”`,
    `form:${submissionId}`,
  );
  revalidatePath("/risks");
  revalidatePath("/migrations", "layout");
  return answer(delivery, form, "Acceptance revoked.");
}
