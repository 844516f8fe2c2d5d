"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { SLUG } from "@/lib/domain/slug";
import { HUB_COOKIE, listAppHubs } from "@/lib/interhub";
import { readForm, requireRole } from "./kit";

/**
 * The header's hub switcher: any signed-in user may switch, since it changes
 * what they see, not what they may do. Only a hub this app can show is
 * remembered; then the catalog of that hub.
 */
const SelectHub = z.object({ hub: z.string().max(120).regex(SLUG) });

export async function selectHubAction(form: FormData): Promise<void> {
  if (!(await requireRole("viewer")).ok) redirect("/signin");
  const input = readForm(form, SelectHub);
  if (input.ok && (await listAppHubs()).some((hub) => hub.slug === input.data.hub)) {
    (await cookies()).set(HUB_COOKIE, input.data.hub, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 365 * 86_400,
    });
  }
  redirect("/catalog");
}
