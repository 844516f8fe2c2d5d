"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { getOutbox } from "@/lib/outbox";

/** An admin drops a write Inter-Hub refused, once its reason has been read. */
export async function dismissOutboxRowAction(form: FormData): Promise<void> {
  const user = await getSessionUser();
  if (user?.role !== "admin") throw new Error("Only an admin may dismiss refused writes.");
  const id = z.string().uuid().safeParse(form.get("id"));
  if (!id.success) throw new Error("Unknown outbox entry.");
  await (await getOutbox()).dismiss(id.data);
  revalidatePath("/admin/outbox");
}
