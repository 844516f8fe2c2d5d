"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getEmbeddedOperator, heldKeyPrefixes } from "@/lib/interhub";
import { listAll } from "@/lib/interhub/client";
import { readForm, requireRole } from "./kit";

const RevokeApiKey = z.object({ consumerId: z.string().min(1), keyId: z.string().min(1) });

/** An admin revokes an API key of the embedded hub: it and its tokens stop within a second. */
export async function revokeApiKeyAction(form: FormData): Promise<void> {
  const who = await requireRole("admin");
  if (!who.ok) throw new Error(who.message);
  const input = readForm(form, RevokeApiKey);
  if (!input.ok) throw new Error("Unknown API key.");
  const operator = getEmbeddedOperator();
  if (!operator) throw new Error("The remote Inter-Hub's keys are managed there.");
  const { consumerId, keyId } = input.data;
  const client = await operator;
  const key = (await listAll((params) => client.listApiKeys(consumerId, params))).find(
    (candidate) => candidate.id === keyId,
  );
  if (!key) throw new Error("Unknown API key.");
  if (heldKeyPrefixes().includes(key.prefix))
    throw new Error("This server uses that key itself: it stays.");
  await client.revokeApiKey(consumerId, keyId);
  revalidatePath("/admin");
}
