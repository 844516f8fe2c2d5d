"use client";

import { useActionState } from "react";
import { Field, inputClass, SubmitButton, valueOf } from "@/components/forms/form-parts";
import { CopyButton } from "@/components/ui/copy-button";
import { IDLE, isRefused, type FormState } from "@/lib/actions/form-state";
import { createScreenLinkAction, type CreatedScreenLink } from "@/lib/actions/screen-links";
import { utcMinute } from "@/lib/domain/time";

/** Creates a shared-screen link; its URL is shown once, here, right after. */
export function ScreenLinkForm({
  waves,
  maxDays,
}: {
  waves: { slug: string; name: string }[];
  maxDays: number;
}) {
  const [state, formAction] = useActionState<FormState<CreatedScreenLink>, FormData>(
    createScreenLinkAction,
    IDLE,
  );
  const created = state.result;
  return (
    <div className="space-y-6">
      <form action={formAction} className="grid gap-4 sm:grid-cols-3" noValidate>
        <Field label="Wave" name="waveSlug" state={state}>
          {(props) => (
            <select
              {...props}
              defaultValue={valueOf(state, "waveSlug", waves[0]?.slug)}
              className={inputClass}
            >
              {waves.map((wave) => (
                <option key={wave.slug} value={wave.slug}>
                  {wave.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Label" name="label" state={state}>
          {(props) => (
            <input
              {...props}
              required
              maxLength={100}
              placeholder="Meeting room TV"
              defaultValue={valueOf(state, "label")}
              className={inputClass}
            />
          )}
        </Field>
        <Field label={`Expires after (days, at most ${maxDays})`} name="days" state={state}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={maxDays}
              required
              defaultValue={valueOf(state, "days", "30")}
              className={inputClass}
            />
          )}
        </Field>
        <div className="flex items-center gap-4 sm:col-span-3">
          <SubmitButton busyLabel="Creating…">Create screen link</SubmitButton>
          <p role="alert" aria-live="polite" className="text-sm text-red-700">
            {isRefused(state) ? state.message : null}
          </p>
        </div>
      </form>
      {created ? (
        <section
          aria-labelledby="created-link"
          className="rounded-xl border border-emerald-300 bg-emerald-50 p-5"
        >
          <h2 id="created-link" className="font-semibold text-emerald-950">
            Screen link “{created.label}” created
          </h2>
          <p className="mt-1 text-sm text-emerald-950">
            Copy it now: it is shown only this once (ops-hub keeps only a hash). It works until{" "}
            {utcMinute(created.expiresAt)} or until revoked.
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <label htmlFor="created-url" className="sr-only">
              Screen link URL
            </label>
            <input
              id="created-url"
              readOnly
              value={created.url}
              onFocus={(event) => event.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
            />
            <CopyButton text={created.url} label="Copy link" />
          </div>
        </section>
      ) : null}
    </div>
  );
}
