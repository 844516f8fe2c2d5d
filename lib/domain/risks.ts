import { z } from "zod";
import type { InteractionEvent, Widget } from "./types";
import { DAY_MS } from "./time";

/**
 * Risk acceptances: `ops-risk-accepted` events on `ops-risk` widgets. An
 * acceptance is a person's signed decision, not evidence: it covers gates or items
 * until its expiry; one is revoked by a later `ops-risk-accepted` event whose
 * metadata says `action: "revoke"` and `revokes: <its id>`. Expired and revoked
 * acceptances stay in the history and stop counting.
 */
export const acceptanceMetadataSchema = z.object({
  covers: z.array(z.string().min(1)).min(1),
  expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()),
  justification: z.string().min(1),
  policyScope: z.string().min(1),
  acceptedBy: z.object({ id: z.string(), name: z.string() }),
  compensatingControls: z.string().optional(),
  reviewAt: z.string().optional(),
});

export type Acceptance = {
  event: InteractionEvent;
  risk: Widget | undefined;
  covers: string[];
  expiresAt: Date;
  justification: string;
  policyScope: string;
  acceptedBy: { id: string; name: string };
  revoked?: { event: InteractionEvent; reason: string };
};

/** Every well-formed acceptance with its revocation, if any; malformed ones are left out. */
export function readAcceptances(
  events: InteractionEvent[],
  risks: Map<string, Widget>,
): Acceptance[] {
  const revocations = new Map<string, InteractionEvent>();
  for (const event of events) {
    if (
      event.type === "ops-risk-accepted" &&
      event.metadata.action === "revoke" &&
      typeof event.metadata.revokes === "string"
    ) {
      revocations.set(event.metadata.revokes, event);
    }
  }
  const acceptances: Acceptance[] = [];
  for (const event of events) {
    if (event.type !== "ops-risk-accepted" || event.metadata.action === "revoke") continue;
    const parsed = acceptanceMetadataSchema.safeParse(event.metadata);
    if (!parsed.success) continue;
    const revocation = revocations.get(event.id);
    acceptances.push({
      event,
      risk: risks.get(event.widgetId),
      covers: parsed.data.covers,
      expiresAt: new Date(parsed.data.expiresAt),
      justification: parsed.data.justification,
      policyScope: parsed.data.policyScope,
      acceptedBy: parsed.data.acceptedBy,
      revoked: revocation
        ? { event: revocation, reason: String(revocation.metadata.reason ?? "") }
        : undefined,
    });
  }
  return acceptances;
}

/** Counting at `now`: recorded by then, not revoked by then, not yet expired. */
export function isActive(acceptance: Acceptance, now: Date): boolean {
  if (new Date(acceptance.event.createdAt) > now) return false;
  if (acceptance.revoked && new Date(acceptance.revoked.event.createdAt) <= now) return false;
  return acceptance.expiresAt > now;
}

export function daysLeft(acceptance: Acceptance, now: Date): number {
  return Math.ceil((acceptance.expiresAt.getTime() - now.getTime()) / DAY_MS);
}
