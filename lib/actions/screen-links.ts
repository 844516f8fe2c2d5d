"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createScreenLink, MAX_SCREEN_LINK_DAYS, revokeScreenLink } from "@/lib/data/screen-links";
import { getCatalogModel } from "@/lib/data/snapshot";
import { findWave } from "@/lib/domain/waves";
import { publicOrigin } from "@/lib/security/public-origin";
import type { FormState } from "./form-state";
import { done, failed, invalid, readForm, requireRole } from "./kit";
import { markHubChanged } from "@/lib/hub-changes";

/** Admins make and revoke shared-screen links. */
const ScreenLinkForm = z.object({
  waveSlug: z.string().trim().min(1, "Choose a wave.").max(200),
  label: z
    .string()
    .trim()
    .min(1, "Name the screen, e.g. “Meeting room TV”.")
    .max(100, "Keep the label to 100 characters or fewer."),
  days: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "A link lasts at least 1 day.")
    .max(MAX_SCREEN_LINK_DAYS, `A link lasts at most ${MAX_SCREEN_LINK_DAYS} days.`),
  id: z.uuid(),
});
const CreateScreenLink = ScreenLinkForm.omit({ id: true });
const RevokeScreenLink = ScreenLinkForm.pick({ id: true });

/** The full URL, shown once: only its hash is kept. */
export type CreatedScreenLink = { url: string; label: string; expiresAt: string };

export async function createScreenLinkAction(
  _previous: FormState<CreatedScreenLink>,
  form: FormData,
): Promise<FormState<CreatedScreenLink>> {
  const who = await requireRole("admin");
  if (!who.ok) return failed(form, who.message);
  const input = readForm(form, CreateScreenLink, { message: "Check the highlighted fields." });
  if (!input.ok) return input.state;
  if (!findWave(await getCatalogModel(), input.data.waveSlug))
    return invalid(form, { waveSlug: ["This wave does not exist."] });
  const { link, token } = await createScreenLink({
    ...input.data,
    createdBy: { id: who.actor.id, name: who.actor.name },
  });
  revalidatePath("/admin/screens");
  const origin = publicOrigin(await headers()) ?? "http://localhost";
  return done(`Screen link “${link.label}” created.`, {
    result: { url: `${origin}/screen/${token}`, label: link.label, expiresAt: link.expiresAt },
  });
}

export async function revokeScreenLinkAction(form: FormData): Promise<void> {
  const who = await requireRole("admin");
  if (!who.ok) throw new Error(who.message);
  const input = readForm(form, RevokeScreenLink);
  if (!input.ok) throw new Error("Unknown screen link.");
  await revokeScreenLink(input.data.id);
  // Open screens refetch at once, hear 410 and stop (lib/live/change-stream.ts).
  markHubChanged();
  revalidatePath("/admin/screens");
}
