"use client";

import { useActionState } from "react";
import { valueOf } from "@/components/forms/form-parts";
import { IDLE, isRefused, type FormState } from "@/lib/actions/form-state";
import { signInAction } from "@/lib/actions/sign-in";

export function SignInForm({
  callbackUrl,
  notice,
}: {
  callbackUrl: string;
  /** A problem from an earlier attempt (e.g. the identity provider refused), until the next try. */
  notice?: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(signInAction, IDLE);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          Username
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          defaultValue={valueOf(state, "username")}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {isRefused(state) ? state.message : notice}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
