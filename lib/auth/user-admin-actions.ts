"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES, hasRole } from "@/lib/domain/roles";
import { getSessionUser } from "./session";
import {
  createUser,
  findUserById,
  resetPassword,
  setUserDisabled,
  setUserRole,
  UsernameTaken,
} from "./users";
import type { UserFormState } from "./user-admin-state";

/**
 * Admins manage sign-in users. Each action is a public POST endpoint, so each
 * checks who asks (an enabled admin, as of now), parses its input, and only
 * then writes. An admin cannot disable or demote themself, so there is always
 * an admin. Users of the identity provider get their role from its groups at
 * each sign-in, and have no password here.
 */
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

/** The form's text fields; a file where text belongs counts as missing. */
function fields(form: FormData, names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    names.map((name) => {
      const value = form.get(name);
      return [name, typeof value === "string" ? value : undefined];
    }),
  );
}

function failed(
  message: string,
  fieldErrors?: Record<string, string[] | undefined>,
): UserFormState {
  return { status: "error", message, fieldErrors };
}

async function requireAdmin(): Promise<{ id: string } | UserFormState> {
  const user = await getSessionUser();
  if (!user) return failed("Your session has ended. Sign in again.");
  if (!hasRole(user.role, "admin")) return failed("Only admins manage users.");
  return { id: user.id };
}

const isState = (value: object): value is UserFormState => "status" in value;

function invalid(error: z.ZodError): UserFormState {
  return failed("Some fields need attention.", z.flattenError(error).fieldErrors);
}

export async function createUserAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const admin = await requireAdmin();
  if (isState(admin)) return admin;
  const parsed = createUserSchema.safeParse(fields(form, ["username", "role", "password"]));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await createUser(parsed.data.username, parsed.data.password, parsed.data.role);
  } catch (error) {
    if (error instanceof UsernameTaken)
      return failed("Some fields need attention.", {
        username: [`${error.username} is taken: choose another username`],
      });
    throw error;
  }
  revalidatePath(PAGE);
  return {
    status: "saved",
    message: `Created ${parsed.data.username} (${parsed.data.role}).`,
    savedAt: Date.now(),
  };
}

export async function setRoleAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const admin = await requireAdmin();
  if (isState(admin)) return admin;
  const parsed = setRoleSchema.safeParse(fields(form, ["userId", "role"]));
  if (!parsed.success) return invalid(parsed.error);
  const user = await findUserById(parsed.data.userId);
  if (!user) return failed("This user no longer exists.");
  if (user.id === admin.id && parsed.data.role !== "admin")
    return failed("You cannot demote yourself: ask another admin.");
  if (user.oidcIssuer)
    return failed("This user's role comes from the identity provider's groups at each sign-in.");
  await setUserRole(user.id, parsed.data.role);
  revalidatePath(PAGE);
  return { status: "saved", message: `${user.username} is now ${parsed.data.role}.` };
}

export async function setDisabledAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const admin = await requireAdmin();
  if (isState(admin)) return admin;
  const parsed = setDisabledSchema.safeParse(fields(form, ["userId", "disabled"]));
  if (!parsed.success) return invalid(parsed.error);
  const user = await findUserById(parsed.data.userId);
  if (!user) return failed("This user no longer exists.");
  const disabled = parsed.data.disabled === "true";
  if (user.id === admin.id && disabled)
    return failed("You cannot disable yourself: ask another admin.");
  await setUserDisabled(user.id, disabled);
  revalidatePath(PAGE);
  return {
    status: "saved",
    message: disabled
      ? `Disabled ${user.username}: their sessions have ended.`
      : `Enabled ${user.username}.`,
  };
}

export async function resetPasswordAction(
  _previous: UserFormState,
  form: FormData,
): Promise<UserFormState> {
  const admin = await requireAdmin();
  if (isState(admin)) return admin;
  const parsed = resetPasswordSchema.safeParse(fields(form, ["userId", "password"]));
  if (!parsed.success) return invalid(parsed.error);
  const user = await findUserById(parsed.data.userId);
  if (!user) return failed("This user no longer exists.");
  if (user.oidcIssuer)
    return failed("This user signs in at the identity provider: no password here.");
  await resetPassword(user.id, parsed.data.password);
  revalidatePath(PAGE);
  return {
    status: "saved",
    message:
      user.id === admin.id
        ? "Your password is changed and your sessions have ended: sign in again with it."
        : `New password set for ${user.username}; their sessions have ended.`,
    savedAt: Date.now(),
  };
}
