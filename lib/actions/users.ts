"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createUser,
  findUserById,
  resetPassword,
  setUserDisabled,
  setUserRole,
  UsernameTaken,
} from "@/lib/auth/users";
import { ROLES } from "@/lib/domain/roles";
import type { FormState } from "./form-state";
import { done, failed, invalid, readForm, requireRole } from "./kit";

/**
 * Admins manage sign-in users. An admin cannot disable or demote themself,
 * so there is always an admin. Users of the identity provider get their role
 * from its groups at each sign-in, and have no password here.
 */
/** Set on a save that should clear the form (a new user, a new password). */
export type UserFormResult = { savedAt: number };
type UserFormState = FormState<UserFormResult>;

const PAGE = "/admin/users";

const userId = z.uuid("Choose a user from the list");
const role = z.enum(ROLES, { error: "Choose a role" });
const password = z
  .string({ error: "Enter a password" })
  .min(12, "The password needs at least 12 characters")
  .max(200, "The password is at most 200 characters");

const createUserSchema = z.object({
  username: z
    .string({ error: "Enter a username" })
    .trim()
    .min(2, "The username needs at least 2 characters")
    .max(64, "The username is at most 64 characters")
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._@-]*$/,
      "Use letters, digits and . _ @ - (starting with a letter or digit)",
    ),
  role,
  password,
});
const setRoleSchema = z.object({ userId, role });
const setDisabledSchema = z.object({ userId, disabled: z.enum(["true", "false"]) });
const resetPasswordSchema = z.object({ userId, password });

/** The signed-in admin and the user a form names, or the refusal to answer with. */
async function adminAndUser<S extends z.ZodType<{ userId: string }>>(
  form: FormData,
  schema: S,
): Promise<
  | { refusal: FormState<never> }
  | {
      admin: { id: string };
      user: NonNullable<Awaited<ReturnType<typeof findUserById>>>;
      input: z.output<S>;
    }
> {
  const who = await requireRole("admin");
  if (!who.ok) return { refusal: failed(form, who.message) };
  const parsed = readForm(form, schema);
  if (!parsed.ok) return { refusal: parsed.state };
  const user = await findUserById(parsed.data.userId);
  if (!user) return { refusal: failed(form, "This user no longer exists.") };
  return { admin: who.actor, user, input: parsed.data };
}

export async function createUserAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const who = await requireRole("admin");
  if (!who.ok) return failed(form, who.message);
  const parsed = readForm(form, createUserSchema);
  if (!parsed.ok) return parsed.state;
  try {
    await createUser(parsed.data.username, parsed.data.password, parsed.data.role);
  } catch (error) {
    if (error instanceof UsernameTaken)
      return invalid(form, { username: [`${error.username} is taken: choose another username`] });
    throw error;
  }
  revalidatePath(PAGE);
  return done(`Created ${parsed.data.username} (${parsed.data.role}).`, {
    result: { savedAt: Date.now() },
  });
}

export async function setRoleAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const found = await adminAndUser(form, setRoleSchema);
  if ("refusal" in found) return found.refusal;
  const { admin, user, input } = found;
  if (user.id === admin.id && input.role !== "admin")
    return failed(form, "You cannot demote yourself: ask another admin.");
  if (user.oidcIssuer)
    return failed(
      form,
      "This user's role comes from the identity provider's groups at each sign-in.",
    );
  await setUserRole(user.id, input.role);
  revalidatePath(PAGE);
  return done(`${user.username} is now ${input.role}.`);
}

export async function setDisabledAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const found = await adminAndUser(form, setDisabledSchema);
  if ("refusal" in found) return found.refusal;
  const { admin, user, input } = found;
  const disabled = input.disabled === "true";
  if (user.id === admin.id && disabled)
    return failed(form, "You cannot disable yourself: ask another admin.");
  await setUserDisabled(user.id, disabled);
  revalidatePath(PAGE);
  return done(
    disabled
      ? `Disabled ${user.username}: their sessions have ended.`
      : `Enabled ${user.username}.`,
  );
}

export async function resetPasswordAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const found = await adminAndUser(form, resetPasswordSchema);
  if ("refusal" in found) return found.refusal;
  const { admin, user, input } = found;
  if (user.oidcIssuer)
    return failed(form, "This user signs in at the identity provider: no password here.");
  await resetPassword(user.id, input.password);
  revalidatePath(PAGE);
  return done(
    user.id === admin.id
      ? "Your password is changed and your sessions have ended: sign in again with it."
      : `New password set for ${user.username}; their sessions have ended.`,
    { result: { savedAt: Date.now() } },
  );
}
