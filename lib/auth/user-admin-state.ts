import type { FormState } from "@/lib/forms/state";

/** What a user-admin form shows after a submission. */
export type UserFormState = Omit<FormState, "values"> & {
  /** Set on a save that should clear the form (a new user, a new password). */
  savedAt?: number;
};

export const IDLE_USER_FORM: UserFormState = { status: "idle" };
