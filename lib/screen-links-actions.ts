"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { hasRole } from "@/lib/domain/roles";
import { getSessionUser } from "@/lib/auth/session";
import { findWave } from "@/lib/domain/waves";
import { getCatalogModel } from "@/lib/data/snapshot";
import { createScreenLink, MAX_SCREEN_LINK_DAYS, revokeScreenLink } from "@/lib/data/screen-links";

/** Admins make and revoke shared-screen links; each action re-checks who asks. */
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

export type CreateScreenLinkState = {
  error?: string;
  fieldErrors?: Partial<Record<"waveSlug" | "label" | "days", string[]>>;
  values?: { waveSlug?: string; label?: string; days?: string };
  /** The full URL, shown once: only its hash is kept. */
  created?: { url: string; label: string; expiresAt: string };
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

async function admin() {
  const user = await getSessionUser();
  return user && hasRole(user.role, "admin") ? { id: user.id, name: user.name } : undefined;
}

/** This server's address as the browser sees it: the Host, or a TLS proxy's X-Forwarded-Host/-Proto. */
async function origin(): Promise<string> {
  const h = await headers();
  const first = (name: string) => h.get(name)?.split(",")[0]?.trim() || undefined;
  const host = first("x-forwarded-host") ?? first("host") ?? "localhost";
  return `${first("x-forwarded-proto") === "https" ? "https" : "http"}://${host}`;
}

export async function createScreenLinkAction(
  _previous: CreateScreenLinkState,
  form: FormData,
): Promise<CreateScreenLinkState> {
  const values = {
    waveSlug: text(form, "waveSlug"),
    label: text(form, "label"),
    days: text(form, "days"),
  };
  const user = await admin();
  if (!user) return { error: "Only admins may create screen links.", values };
  const parsed = CreateScreenLink.safeParse(values);
  if (!parsed.success)
    return {
      error: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      values,
    };
  if (!findWave(await getCatalogModel(), parsed.data.waveSlug))
    return { fieldErrors: { waveSlug: ["This wave does not exist."] }, values };
  const { link, token } = await createScreenLink({ ...parsed.data, createdBy: user });
  revalidatePath("/admin/screens");
  return {
    created: {
      url: `${await origin()}/screen/${token}`,
      label: link.label,
      expiresAt: link.expiresAt,
    },
  };
}

export async function revokeScreenLinkAction(form: FormData): Promise<void> {
  if (!(await admin())) return;
  const parsed = RevokeScreenLink.safeParse({ id: text(form, "id") });
  if (!parsed.success) return;
  await revokeScreenLink(parsed.data.id);
  revalidatePath("/admin/screens");
}
