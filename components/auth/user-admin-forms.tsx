"use client";

import { startTransition, useActionState, useId } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import {
  createUserAction,
  resetPasswordAction,
  setDisabledAction,
  setRoleAction,
} from "@/lib/auth/user-admin-actions";
import { IDLE_USER_FORM, type UserFormState } from "@/lib/auth/user-admin-state";

type Action = (previous: UserFormState, form: FormData) => Promise<UserFormState>;

/**
 * A form bound to a server action that keeps what was typed: React resets a
 * `<form action>` after every submission, so the form submits through a
 * transition instead (and, before the scripts load, as a plain post). A form
 * that should clear after a save is keyed by `savedAt`. Passwords therefore
 * never travel back from the server to refill a field.
 */
function useUserForm(action: Action) {
  const [state, formAction, pending] = useActionState(action, IDLE_USER_FORM);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
}

/** The outcome of the last submission, read out when it changes. */
function Outcome({ state, id }: { state: UserFormState; id?: string }) {
  return (
    <p
      id={id}
      aria-live="polite"
      aria-atomic="true"
      className={`min-h-5 text-sm ${state.status === "error" ? "text-red-700" : "text-emerald-800"}`}
    >
      {state.message}
    </p>
  );
}

function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" aria-atomic="true" className="text-sm text-red-700">
      {errors?.join(" ")}
    </p>
  );
}

const input =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-600";
const button =
  "rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60";
const smallButton =
  "rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100 disabled:opacity-60";

export function CreateUserForm() {
  const { state, formAction, pending, onSubmit } = useUserForm(createUserAction);
  const id = useId();
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const invalid = (name: string) =>
    errors?.[name]
      ? { "aria-invalid": true as const, "aria-describedby": `${id}-${name}-error` }
      : {};
  return (
    <>
      <form
        key={state.savedAt ?? 0}
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_12rem_1fr_auto] sm:items-start"
      >
        <div>
          <label htmlFor={`${id}-username`} className="block text-sm font-medium">
            Username
          </label>
          <input
            id={`${id}-username`}
            name="username"
            autoComplete="off"
            required
            className={input}
            {...invalid("username")}
          />
          <FieldErrors id={`${id}-username-error`} errors={errors?.username} />
        </div>
        <div>
          <label htmlFor={`${id}-role`} className="block text-sm font-medium">
            Role
          </label>
          <select
            id={`${id}-role`}
            name="role"
            defaultValue="viewer"
            className={input}
            {...invalid("role")}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <FieldErrors id={`${id}-role-error`} errors={errors?.role} />
        </div>
        <div>
          <label htmlFor={`${id}-password`} className="block text-sm font-medium">
            Password
          </label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            className={input}
            {...invalid("password")}
          />
          <FieldErrors id={`${id}-password-error`} errors={errors?.password} />
        </div>
        <button type="submit" disabled={pending} className={`${button} sm:mt-6`}>
          {pending ? "Creating…" : "Create user"}
        </button>
      </form>
      <Outcome state={state} />
    </>
  );
}

export function RoleForm({
  userId,
  username,
  role,
}: {
  userId: string;
  username: string;
  role: Role;
}) {
  const { state, formAction, pending, onSubmit } = useUserForm(setRoleAction);
  const id = useId();
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        aria-label={`Role of ${username}`}
        aria-describedby={`${id}-outcome`}
        className="rounded-md border border-slate-300 px-2 py-1"
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className={smallButton}>
        Save role<span className="sr-only"> of {username}</span>
      </button>
      <Outcome state={state} id={`${id}-outcome`} />
    </form>
  );
}

export function StatusForm({
  userId,
  username,
  disabled,
}: {
  userId: string;
  username: string;
  disabled: boolean;
}) {
  const { state, formAction, pending, onSubmit } = useUserForm(setDisabledAction);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <button
        type="submit"
        disabled={pending}
        className={
          disabled
            ? smallButton
            : "rounded-md border border-red-300 px-2 py-1 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
        }
      >
        {disabled ? "Enable" : "Disable"}
        <span className="sr-only"> {username}</span>
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function ResetPasswordForm({ userId, username }: { userId: string; username: string }) {
  const { state, formAction, pending, onSubmit } = useUserForm(resetPasswordAction);
  const id = useId();
  const errors = state.status === "error" ? state.fieldErrors?.password : undefined;
  return (
    <form
      key={state.savedAt ?? 0}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-wrap items-start gap-2"
    >
      <input type="hidden" name="userId" value={userId} />
      <div>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          aria-label={`New password for ${username}`}
          placeholder="12+ characters"
          className="w-56 rounded-md border border-slate-300 px-2 py-1 aria-invalid:border-red-600"
          {...(errors ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
        />
        <FieldErrors id={`${id}-error`} errors={errors} />
      </div>
      <button type="submit" disabled={pending} className={smallButton}>
        Reset password<span className="sr-only"> of {username}</span>
      </button>
      <Outcome state={state} />
    </form>
  );
}
