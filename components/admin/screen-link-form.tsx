"use client";

import { useActionState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { createScreenLinkAction, type CreateScreenLinkState } from "@/lib/screen-links-actions";

const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2";

/** Creates a shared-screen link; its URL is shown once, here, right after. */
export function ScreenLinkForm({
  waves,
  maxDays,
}: {
  waves: { slug: string; name: string }[];
  maxDays: number;
}) {
  const [state, formAction, pending] = useActionState<CreateScreenLinkState, FormData>(
    createScreenLinkAction,
    {},
  );
  const errors = state.fieldErrors ?? {};
  const describe = (name: keyof typeof errors) => (errors[name] ? `${name}-error` : undefined);
  return (
    <div className="space-y-6">
      <form action={formAction} className="grid gap-4 sm:grid-cols-3" noValidate>
        <div>
          <label htmlFor="waveSlug" className="block text-sm font-medium">
            Wave
          </label>
          <select
            id="waveSlug"
            name="waveSlug"
            defaultValue={state.values?.waveSlug ?? waves[0]?.slug}
            aria-invalid={errors.waveSlug ? true : undefined}
            aria-describedby={describe("waveSlug")}
            className={field}
          >
            {waves.map((wave) => (
              <option key={wave.slug} value={wave.slug}>
                {wave.name}
              </option>
            ))}
          </select>
          <p id="waveSlug-error" aria-live="polite" className="mt-1 text-sm text-red-700">
            {errors.waveSlug?.join(" ")}
          </p>
        </div>
        <div>
          <label htmlFor="label" className="block text-sm font-medium">
            Label
          </label>
          <input
            id="label"
            name="label"
            required
            maxLength={100}
            placeholder="Meeting room TV"
            defaultValue={state.values?.label}
            aria-invalid={errors.label ? true : undefined}
            aria-describedby={describe("label")}
            className={field}
          />
          <p id="label-error" aria-live="polite" className="mt-1 text-sm text-red-700">
            {errors.label?.join(" ")}
          </p>
        </div>
        <div>
          <label htmlFor="days" className="block text-sm font-medium">
            Expires after (days, at most {maxDays})
          </label>
          <input
            id="days"
            name="days"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxDays}
            required
            defaultValue={state.values?.days ?? "30"}
            aria-invalid={errors.days ? true : undefined}
            aria-describedby={describe("days")}
            className={field}
          />
          <p id="days-error" aria-live="polite" className="mt-1 text-sm text-red-700">
            {errors.days?.join(" ")}
          </p>
        </div>
        <div className="flex items-center gap-4 sm:col-span-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
          >
            {pending ? "Creating…" : "Create screen link"}
          </button>
          <p role="alert" aria-live="polite" className="text-sm text-red-700">
            {state.error}
          </p>
        </div>
      </form>
      {state.created ? (
        <section
          aria-labelledby="created-link"
          className="rounded-xl border border-emerald-300 bg-emerald-50 p-5"
        >
          <h2 id="created-link" className="font-semibold text-emerald-950">
            Screen link “{state.created.label}” created
          </h2>
          <p className="mt-1 text-sm text-emerald-950">
            Copy it now: it is shown only this once (ops-hub keeps only a hash). It works until{" "}
            {state.created.expiresAt.slice(0, 16).replace("T", " ")} UTC or until revoked.
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <label htmlFor="created-url" className="sr-only">
              Screen link URL
            </label>
            <input
              id="created-url"
              readOnly
              value={state.created.url}
              onFocus={(event) => event.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
            />
            <CopyButton text={state.created.url} label="Copy link" />
          </div>
        </section>
      ) : null}
    </div>
  );
}
