"use client";

import { useId, useState } from "react";
import { useFormStatus } from "react-dom";
import { isRefused, type FormState } from "@/lib/actions/form-state";

/**
 * A fresh id per submission: the server answers a replayed form with the
 * first result. The first id comes from the server page (so the hydrated
 * form matches the served one); later ones are made in the browser.
 */
export function useSubmissionId(state: FormState<unknown>, initial: string): string {
  const [ids, setIds] = useState({ id: initial, for: state });
  if (ids.for !== state) {
    // A new answer arrived: after a success the next submission is a new one.
    const next = state.status === "done" ? crypto.randomUUID() : ids.id;
    setIds({ id: next, for: state });
    return next;
  }
  return ids.id;
}

/** What the user typed in a field, after a refusal; else `fallback`. */
export function valueOf(state: FormState<unknown>, name: string, fallback = ""): string {
  const value = isRefused(state) ? state.values?.[name] : undefined;
  return typeof value === "string" ? value : fallback;
}

export function valuesOf(
  state: FormState<unknown>,
  name: string,
  fallback: string[] = [],
): string[] {
  const value = isRefused(state) ? state.values?.[name] : undefined;
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
  state: FormState<unknown>;
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
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** A field's errors, read out when they change; for a field labelled by other means. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return errors ? (
    <p id={id} aria-live="polite" className="text-sm text-red-700">
      {errors.join(" ")}
    </p>
  ) : null;
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
  state: FormState<unknown>;
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
export function FormMessage({ state, id }: { state: FormState<unknown>; id?: string }) {
  const tone = isRefused(state)
    ? "text-red-800"
    : state.queued
      ? "text-amber-900"
      : "text-emerald-800";
  return (
    <p id={id} role="status" aria-live="polite" className={`min-h-5 text-sm ${tone}`}>
      {state.message}
    </p>
  );
}

/**
 * The form's main button, busy while it submits. A form that submits through
 * a transition (to keep what was typed) passes its own `pending`: the form
 * status only knows of `<form action>` submissions.
 */
export function SubmitButton({
  children,
  busyLabel = "Saving…",
  pending,
  className = "",
}: {
  children: React.ReactNode;
  busyLabel?: string;
  pending?: boolean;
  className?: string;
}) {
  const status = useFormStatus();
  const busy = pending ?? status.pending;
  return (
    <button
      type="submit"
      disabled={busy}
      className={`rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60 ${className}`}
    >
      {busy ? busyLabel : children}
    </button>
  );
}
