/** What a user-admin form shows after a submission. */
export type UserFormState = {
  status: "idle" | "saved" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Set on a save that should clear the form (a new user, a new password). */
  savedAt?: number;
};

export const IDLE_USER_FORM: UserFormState = { status: "idle" };
