/** What a form shows after a submission: a result, or errors with what was typed. */
export type FormState = {
  status: "idle" | "saved" | "queued" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** What the user typed, echoed back on error so nothing is lost. */
  values?: Record<string, string | string[]>;
};

export const IDLE: FormState = { status: "idle" };

/** The form's fields as plain values (several values for repeated names). */
export function formValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((value): value is string => typeof value === "string");
    values[key] = all.length > 1 || key.endsWith("[]") ? all : (all[0] ?? "");
  }
  return values;
}
