"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { HUB_COOKIE, listAppHubs } from "@/lib/interhub";

/**
 * The header's hub switcher: authenticate → parse → check the hub is one this
 * app can show → remember it in a cookie → the catalog of that hub. Any
 * signed-in user may switch: it changes what they see, not what they may do.
 */
const SelectHub = z.object({ hub: z.string().regex(/^[a-z0-9][a-z0-9-]*$/) });

export async function selectHubAction(form: FormData): Promise<void> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const parsed = SelectHub.safeParse({ hub: form.get("hub") });
  if (parsed.success && (await listAppHubs()).some((hub) => hub.slug === parsed.data.hub)) {
    (await cookies()).set(HUB_COOKIE, parsed.data.hub, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 365 * 86_400,
    });
  }
  redirect("/catalog");
}
