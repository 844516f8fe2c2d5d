import "server-only";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { hasRole, type Role } from "@/lib/domain/roles";
import type { FormState } from "./form-state";

/**
 * The toolkit every server action shares. An action is a public POST
 * endpoint: it calls `requireRole` (the session is re-checked on every call,
 * never trusted from the form), reads its input with `readForm` through a zod
 * schema, and answers with `done`, `invalid` or `failed`.
 */
export type Actor = { id: string; name: string; role: Role };

const WHO: Record<Role, string> = {
  viewer: "a signed-in user",
  operator: "an operator or above",
  approver: "an approver or above",
  admin: "an admin",
};

/** The signed-in user when their role is at least `role`; else why not, in words. */
export async function requireRole(
  role: Role,
): Promise<{ ok: true; actor: Actor } | { ok: false; message: string }> {
  const user = await getSessionUser();
  if (!user) return { ok: false, message: "Your session has ended. Sign in again, then retry." };
  if (!hasRole(user.role, role))
    return {
      ok: false,
      message: `Only ${WHO[role]} may do this; you are signed in as ${user.role}.`,
    };
  return { ok: true, actor: { id: user.id, name: user.name, role: user.role } };
}

// Never echoed back to the browser, whatever the answer.
const SECRET_FIELDS = new Set(["password"]);

/** The form's fields as plain values (a list for `multi` names); null when a file sits where text belongs. */
function formEntries(form: FormData, multi: readonly string[]): Record<string, unknown> | null {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") return null;
    if (multi.includes(key))
      values[key] = [...((values[key] as string[] | undefined) ?? []), value];
    else values[key] = value;
  }
  for (const key of multi) values[key] ??= [];
  return values;
}

/** What the user typed, to echo after a refusal. */
function typed(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION") || SECRET_FIELDS.has(key)) continue;
    const all = form.getAll(key).filter((value): value is string => typeof value === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/** Parses a form through `schema`; a refusal comes back as the `invalid` state to answer with. */
export function readForm<S extends z.ZodType>(
  form: FormData,
  schema: S,
  options: { multi?: readonly string[]; message?: string } = {},
): { ok: true; data: z.output<S> } | { ok: false; state: FormState<never> } {
  const entries = formEntries(form, options.multi ?? []);
  if (!entries) return { ok: false, state: failed(form, "Only text fields can be sent here.") };
  const parsed = schema.safeParse(entries);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    state: invalid(form, z.flattenError(parsed.error).fieldErrors, options.message),
  };
}

export function done<Result = undefined>(
  message: string,
  extra: { result?: Result; queued?: boolean } = {},
): FormState<Result> {
  return { status: "done", message, ...extra };
}

export function invalid(
  form: FormData,
  fieldErrors: Record<string, string[] | undefined>,
  message = "Some fields need attention.",
): FormState<never> {
  return { status: "invalid", message, fieldErrors, values: typed(form) };
}

export function failed(form: FormData, message: string): FormState<never> {
  return { status: "failed", message, values: typed(form) };
}
