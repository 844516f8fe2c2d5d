"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getOutbox } from "@/lib/outbox";
import { readForm, requireRole } from "./kit";

const DismissRow = z.object({ id: z.uuid() });

/** An admin drops a write Inter-Hub refused, once its reason has been read. */
export async function dismissOutboxRowAction(form: FormData): Promise<void> {
  const who = await requireRole("admin");
  if (!who.ok) throw new Error(who.message);
  const input = readForm(form, DismissRow);
  if (!input.ok) throw new Error("Unknown outbox entry.");
  await (await getOutbox()).dismiss(input.data.id);
  revalidatePath("/admin/outbox");
}
