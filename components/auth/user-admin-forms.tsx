"use client";

import { startTransition, useActionState, useId } from "react";
import {
  Field,
  FieldErrors,
  FormMessage,
  inputClass,
  SubmitButton,
} from "@/components/forms/form-parts";
import { ROLES, type Role } from "@/lib/domain/roles";
import {
  createUserAction,
  resetPasswordAction,
  setDisabledAction,
  setRoleAction,
} from "@/lib/actions/users";
import { IDLE, type FormState } from "@/lib/actions/form-state";
import type { UserFormResult } from "@/lib/actions/users";

type UserFormState = FormState<UserFormResult>;
type Action = (previous: UserFormState, form: FormData) => Promise<UserFormState>;

/**
 * A form bound to a server action that keeps what was typed: React resets a
 * `<form action>` after every submission, so the form submits through a
 * transition instead (and, before the scripts load, as a plain post). A form
 * that should clear after a save is keyed by its result's `savedAt`. Passwords therefore
 * never travel back from the server to refill a field.
 */
function useUserForm(action: Action) {
  const [state, formAction, pending] = useActionState<UserFormState, FormData>(action, IDLE);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
}

const smallButton =
  "rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100 disabled:opacity-60";

export function CreateUserForm() {
  const { state, formAction, pending, onSubmit } = useUserForm(createUserAction);
  return (
    <>
      <form
        key={state.result?.savedAt ?? 0}
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_12rem_1fr_auto] sm:items-start"
      >
        <Field label="Username" name="username" state={state}>
          {(props) => <input {...props} autoComplete="off" required className={inputClass} />}
        </Field>
        <Field label="Role" name="role" state={state}>
          {(props) => (
            <select {...props} defaultValue="viewer" className={inputClass}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Password" name="password" state={state}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              className={inputClass}
            />
          )}
        </Field>
        <SubmitButton pending={pending} busyLabel="Creating…" className="sm:mt-6">
          Create user
        </SubmitButton>
      </form>
      <FormMessage state={state} />
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
      <FormMessage state={state} id={`${id}-outcome`} />
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
      <FormMessage state={state} />
    </form>
  );
}

export function ResetPasswordForm({ userId, username }: { userId: string; username: string }) {
  const { state, formAction, pending, onSubmit } = useUserForm(resetPasswordAction);
  const id = useId();
  const errors = state.fieldErrors?.password;
  return (
    <form
      key={state.result?.savedAt ?? 0}
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
      <FormMessage state={state} />
    </form>
  );
}
