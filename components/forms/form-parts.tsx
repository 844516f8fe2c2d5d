"use client";

import { useId, useState } from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/forms/state";

/**
 * A fresh id per submission: the server answers a replayed form with the
 * first result. The first id comes from the server page (so the hydrated
 * form matches the served one); later ones are made in the browser.
 */
export function useSubmissionId(state: FormState, initial: string): string {
  const [ids, setIds] = useState({ id: initial, for: state });
  if (ids.for !== state) {
    // A new answer arrived: after a success the next submission is a new one.
    const next =
      state.status === "saved" || state.status === "queued" ? crypto.randomUUID() : ids.id;
    setIds({ id: next, for: state });
    return next;
  }
  return ids.id;
}

export function valueOf(state: FormState, name: string, fallback = ""): string {
  const value = state.status === "error" ? state.values?.[name] : undefined;
  return typeof value === "string" ? value : fallback;
}

export function valuesOf(state: FormState, name: string, fallback: string[] = []): string[] {
  const value = state.status === "error" ? state.values?.[name] : undefined;
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : fallback;
}

/** A labelled field with its errors tied to it for screen readers. */
export function Field({
  label,
  name,
  state,
  hint,
  children,
}: {
  label: string;
  name: string;
  state: FormState;
  hint?: string;
  children: (props: {
    id: string;
    name: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
  }) => React.ReactNode;
}) {
  const id = useId();
  const errors = state.fieldErrors?.[name];
  const describedBy = [hint ? `${id}-hint` : "", errors ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({
        id,
        name,
        ...(errors ? { "aria-invalid": true as const } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled, required choice among plain values; the choice survives an error. */
export function SelectField({
  label,
  name,
  state,
  values,
}: {
  label: string;
  name: string;
  state: FormState;
  values: readonly string[];
}) {
  return (
    <Field label={label} name={name} state={state}>
      {(props) => (
        <select {...props} defaultValue={valueOf(state, name)} className={inputClass} required>
          <option value="">Choose…</option>
          {values.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600";

/** The result of the last submission, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  const tone =
    state.status === "error"
      ? "text-red-800"
      : state.status === "queued"
        ? "text-amber-900"
        : "text-emerald-800";
  return (
    <p role="status" aria-live="polite" className={`min-h-5 text-sm ${tone}`}>
      {state.message}
    </p>
  );
}

export function SubmitButton({ children }: { children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
    >
      {pending ? "Saving…" : children}
    </button>
  );
}
