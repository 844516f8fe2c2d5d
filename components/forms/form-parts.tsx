"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { isRefused, type FormState } from "@/lib/actions/form-state";
import { newSubmissionId } from "./submission-id";
import { DEBOUNCE_MS, fetchSearch, useDebounced } from "@/components/search/search-client";

/**
 * A fresh id per submission: the server answers a replayed form with the
 * first result. The first id comes from the server page (so the hydrated
 * form matches the served one); later ones are made in the browser.
 */
export function useSubmissionId(state: FormState<unknown>, initial: string): string {
  const [ids, setIds] = useState({ id: initial, for: state });
  if (ids.for !== state) {
    // A new answer arrived: after a success the next submission is a new one.
    const next = state.status === "done" ? newSubmissionId() : ids.id;
    setIds({ id: next, for: state });
    return next;
  }
  return ids.id;
}

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/**
 * A form bound to a server action that keeps every value after a refusal:
 * React resets a `<form action>` after each submission (and a select or a
 * checkbox then falls back to its first default), so the form submits through
 * a transition instead; before the scripts load it posts as a plain form and
 * the echoed values refill it. Key the form by its submission id, so it
 * clears after a success only.
 */
export function useKeptForm(action: Action) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {
    status: "idle",
  });
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
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

type FieldProps = {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

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
  hint?: React.ReactNode;
  children: (props: FieldProps) => React.ReactNode;
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

/** A field's errors, one per line, read out when they change; for a field labelled by other means. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return errors ? (
    <p id={id} aria-live="polite" className="text-sm text-red-700">
      {errors.map((error) => (
        <span key={error} className="block">
          {error}
        </span>
      ))}
    </p>
  ) : null;
}

/**
 * A text field with a length limit the browser enforces and a counter the
 * user sees; `rows` makes it a textarea.
 */
export function CountedText({
  label,
  name,
  state,
  max,
  hint,
  rows,
  initial = "",
  required = false,
}: {
  label: string;
  name: string;
  state: FormState<unknown>;
  max: number;
  hint?: string;
  rows?: number;
  initial?: string;
  required?: boolean;
}) {
  const start = valueOf(state, name, initial);
  const [length, setLength] = useState(start.length);
  const counter = (
    <span className="flex flex-wrap justify-between gap-x-3">
      <span>{hint}</span>
      <span className={length > max * 0.9 ? "font-semibold text-amber-900" : undefined}>
        {length.toLocaleString("en")} / {max.toLocaleString("en")} characters
      </span>
    </span>
  );
  const onChange = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setLength(event.target.value.length);
  return (
    <Field label={label} name={name} state={state} hint={counter}>
      {(props) =>
        rows ? (
          <textarea
            {...props}
            defaultValue={start}
            rows={rows}
            maxLength={max}
            required={required}
            onChange={onChange}
            className={inputClass}
          />
        ) : (
          <input
            {...props}
            defaultValue={start}
            maxLength={max}
            required={required}
            onChange={onChange}
            className={inputClass}
          />
        )
      }
    </Field>
  );
}

/** A labelled, required choice among plain values; the choice survives an error. */
export function SelectField({
  label,
  name,
  state,
  values,
  initial = "",
}: {
  label: string;
  name: string;
  state: FormState<unknown>;
  values: readonly string[];
  initial?: string;
}) {
  return (
    <Field label={label} name={name} state={state}>
      {(props) => (
        <select
          {...props}
          defaultValue={valueOf(state, name, initial)}
          className={inputClass}
          required
        >
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

export type Choice = { value: string; label: string; group: string };

/**
 * A searchable list of checkboxes, for choosing several among many items by
 * name: a filter box above, the chosen ones summed up below. Arrow keys move
 * between the boxes; a box the filter hides stays chosen (and is sent).
 *
 * `searched` names item types (and the group each is shown in) found on the
 * server as the filter is typed, for kinds too many to ship with the page
 * (a hub's services and endpoints run to tens of thousands).
 */
export function ChoiceList({
  label,
  name,
  state,
  choices,
  searched,
  initial = [],
  hint,
}: {
  label: string;
  name: string;
  state: FormState<unknown>;
  choices: Choice[];
  searched?: Record<string, string>;
  initial?: string[];
  hint?: string;
}) {
  const id = useId();
  const [chosen, setChosen] = useState(() => new Set(valuesOf(state, name, initial)));
  const [filter, setFilter] = useState("");
  const list = useRef<HTMLDivElement>(null);
  const errors = state.fieldErrors?.[name];
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const found = useSearchedChoices(filter.trim(), searched);
  // Found choices once chosen stay, with their names, whatever is typed next.
  const [kept, setKept] = useState<Choice[]>([]);
  const all = uniqueChoices([...choices, ...kept, ...found.choices]);
  const foundValues = new Set(found.choices.map((c) => c.value));
  const matches = (choice: Choice) =>
    foundValues.has(choice.value) ||
    words.every((word) => `${choice.label} ${choice.group}`.toLowerCase().includes(word));
  const groups = [...new Set(all.map((c) => c.group))];
  // In list order; a value the page cannot name (sent back by a refused form) as it is.
  const chosenNames = [
    ...all.filter((c) => chosen.has(c.value)).map((c) => c.label),
    ...[...chosen].filter((value) => !all.some((c) => c.value === value)),
  ];

  const toggle = (choice: Choice, on: boolean) => {
    setChosen((was) => {
      const next = new Set(was);
      if (on) next.add(choice.value);
      else next.delete(choice.value);
      return next;
    });
    if (!choices.some((c) => c.value === choice.value))
      setKept((was) =>
        on ? uniqueChoices([...was, choice]) : was.filter((c) => c.value !== choice.value),
      );
  };

  const boxes = () =>
    [...(list.current?.querySelectorAll<HTMLInputElement>("input[type=checkbox]") ?? [])].filter(
      (box) => box.offsetParent !== null,
    );
  const onListKey = (event: React.KeyboardEvent) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = boxes();
    const at = all.indexOf(document.activeElement as HTMLInputElement);
    const next = all[event.key === "ArrowDown" ? at + 1 : Math.max(at - 1, 0)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <fieldset
      className="space-y-1"
      aria-describedby={[`${id}-chosen`, errors ? `${id}-error` : ""].filter(Boolean).join(" ")}
    >
      <legend className="text-sm font-medium">{label}</legend>
      <input
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.preventDefault();
          if (event.key === "ArrowDown") {
            const first = boxes()[0];
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }
        }}
        aria-label={`${searched ? "Search" : "Filter"} ${label.toLowerCase()} by name`}
        placeholder={searched ? "Type to search by name" : "Type to filter by name"}
        className={inputClass}
      />
      <div
        ref={list}
        onKeyDown={onListKey}
        className="max-h-56 overflow-y-auto rounded-md border border-slate-300 px-2 py-1"
      >
        {groups.map((group) => {
          const shown = all.filter((c) => c.group === group);
          const visible = shown.filter(matches);
          return (
            <div key={group} hidden={visible.length === 0}>
              <p className="mt-1 text-xs font-semibold text-slate-600 uppercase">{group}</p>
              <ul>
                {shown.map((choice) => (
                  <li key={choice.value} hidden={!matches(choice)}>
                    <label className="flex items-start gap-2 py-0.5 text-sm">
                      <input
                        type="checkbox"
                        name={name}
                        value={choice.value}
                        checked={chosen.has(choice.value)}
                        onChange={(event) => toggle(choice, event.target.checked)}
                        className="mt-1"
                      />
                      {choice.label}
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        <p className="py-1 text-sm text-slate-600" aria-live="polite">
          {found.state === "searching"
            ? "Searching…"
            : found.state === "failed"
              ? `The search failed (${found.error}); the choices above are still yours.`
              : all.some(matches)
                ? ""
                : `Nothing matches “${filter}”.`}
        </p>
      </div>
      <p id={`${id}-chosen`} className="text-xs text-slate-600">
        {chosenNames.length === 0
          ? `None chosen. ${hint ?? ""}`
          : `${chosenNames.length} chosen: ${chosenNames.join(", ")}`}
      </p>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

type Found = { choices: Choice[]; state: "idle" | "searching" | "done" | "failed"; error?: string };

/**
 * The server's best matches for `query` among the `searched` types, as
 * choices in their groups; while the next answer is on its way, the last
 * one stays.
 */
function useSearchedChoices(query: string, searched?: Record<string, string>): Found {
  const debounced = useDebounced(query, DEBOUNCE_MS);
  const types = searched ? Object.keys(searched).join(",") : "";
  const [answer, setAnswer] = useState<Found & { query: string }>({
    query: "",
    choices: [],
    state: "idle",
  });
  useEffect(() => {
    if (!types || !debounced) return;
    const controller = new AbortController();
    fetchSearch(debounced, controller.signal, types.split(","))
      .then(({ hits }) =>
        setAnswer({
          query: debounced,
          state: "done",
          choices: hits.map((hit) => ({
            value: hit.slug,
            label: hit.name,
            group: searched?.[hit.type] ?? hit.type,
          })),
        }),
      )
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const reason = error instanceof Error ? error.message : "no answer";
        setAnswer({ query: debounced, state: "failed", choices: [], error: reason });
      });
    return () => controller.abort();
    // `searched` is read for the group names only; `types` stands for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced, types]);
  if (!types || !query) return { choices: [], state: "idle" };
  return answer.query === query ? answer : { choices: answer.choices, state: "searching" };
}

function uniqueChoices(choices: Choice[]): Choice[] {
  const seen = new Set<string>();
  return choices.filter((c) => !seen.has(c.value) && seen.add(c.value));
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
