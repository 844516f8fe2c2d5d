"use client";

import { useEffect, useRef, useState } from "react";
import { SEARCHED_RISK_TARGETS } from "@/components/risks/risk-choices";
import {
  acceptGateRiskAction,
  acceptRiskAction,
  raiseRiskAction,
  revokeAcceptanceAction,
} from "@/lib/actions/forms";
import { TEXT_LIMITS } from "@/lib/actions/text-limits";
import { LIKELIHOODS, SEVERITIES } from "@/lib/domain/risk-scales";
import {
  ChoiceList,
  CountedText,
  Field,
  FormMessage,
  inputClass,
  SelectField,
  SubmitButton,
  useKeptForm,
  useSubmissionId,
  valueOf,
  type Choice,
} from "./form-parts";

export type { Choice } from "./form-parts";

/** The expiry and review dates every acceptance asks for. */
function AcceptanceDates({
  state,
  today,
  latest,
}: {
  state: ReturnType<typeof useKeptForm>["state"];
  today: string;
  latest: string;
}) {
  return (
    <>
      <Field
        label="Expires on"
        name="expiresOn"
        state={state}
        hint={`At most 180 days ahead (${latest}).`}
      >
        {(props) => (
          <input
            {...props}
            type="date"
            min={today}
            max={latest}
            defaultValue={valueOf(state, "expiresOn")}
            className={inputClass}
            required
          />
        )}
      </Field>
      <Field label="Review on (optional)" name="reviewOn" state={state}>
        {(props) => (
          <input
            {...props}
            type="date"
            min={today}
            max={latest}
            defaultValue={valueOf(state, "reviewOn")}
            className={inputClass}
          />
        )}
      </Field>
    </>
  );
}

const JUSTIFICATION_HINT = "Why accepting it is right for now, in at least a sentence.";

export function RaiseRiskForm({
  items,
  policyScopes,
  initialSubmissionId,
}: {
  items: Choice[];
  policyScopes: string[];
  initialSubmissionId: string;
}) {
  const { state, formAction, pending, onSubmit } = useKeptForm(raiseRiskAction);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      className="space-y-3"
      aria-label="Raise a risk"
      key={submissionId}
    >
      <input type="hidden" name="submissionId" value={submissionId} />
      <CountedText label="Title" name="title" state={state} max={TEXT_LIMITS.title} required />
      <CountedText
        label="Description (optional)"
        name="description"
        state={state}
        max={TEXT_LIMITS.description}
        rows={2}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Severity" name="severity" state={state} values={SEVERITIES} />
        <SelectField label="Likelihood" name="likelihood" state={state} values={LIKELIHOODS} />
        <SelectField label="Policy scope" name="policyScope" state={state} values={policyScopes} />
      </div>
      <ChoiceList
        label="Applies to"
        name="appliesTo"
        state={state}
        choices={items}
        searched={SEARCHED_RISK_TARGETS}
        hint="Choose the gates or items it applies to."
      />
      <FormMessage state={state} />
      <SubmitButton pending={pending}>Raise risk</SubmitButton>
    </form>
  );
}

export function AcceptRiskForm({
  risks,
  items,
  policyScopes,
  today,
  latest,
  initialSubmissionId,
}: {
  risks: Choice[];
  items: Choice[];
  policyScopes: string[];
  today: string;
  latest: string;
  initialSubmissionId: string;
}) {
  const { state, formAction, pending, onSubmit } = useKeptForm(acceptRiskAction);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      className="space-y-3"
      aria-label="Accept a risk"
      key={submissionId}
    >
      <input type="hidden" name="submissionId" value={submissionId} />
      <Field label="Risk" name="riskSlug" state={state}>
        {(props) => (
          <select
            {...props}
            defaultValue={valueOf(state, "riskSlug")}
            className={inputClass}
            required
          >
            <option value="">Choose…</option>
            {risks.map((risk) => (
              <option key={risk.value} value={risk.value}>
                {risk.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CountedText
        label="Justification"
        name="justification"
        state={state}
        max={TEXT_LIMITS.justification}
        rows={3}
        hint={`${JUSTIFICATION_HINT} Your name is added by ops-hub.`}
        required
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Policy scope" name="policyScope" state={state} values={policyScopes} />
        <AcceptanceDates state={state} today={today} latest={latest} />
      </div>
      <CountedText
        label="Compensating controls (optional)"
        name="compensatingControls"
        state={state}
        max={TEXT_LIMITS.compensatingControls}
        rows={2}
      />
      <ChoiceList
        label="Covers"
        name="covers"
        state={state}
        choices={items}
        searched={SEARCHED_RISK_TARGETS}
        hint="Choose the gates or items this acceptance covers."
      />
      <FormMessage state={state} />
      <SubmitButton pending={pending}>Accept risk</SubmitButton>
    </form>
  );
}

export type GateRiskContext = {
  policyScopes: string[];
  /** The gates an acceptance may cover. */
  items: Choice[];
  today: string;
  latest: string;
};

/** Raise a risk on a gate and accept it, in one form: the gate and its policy scope come filled in. */
export function AcceptGateRiskForm({
  gate,
  context,
  initialSubmissionId,
  onDone,
}: {
  gate: { slug: string; name: string; statusWord: string; policyScope?: string };
  context: GateRiskContext;
  initialSubmissionId: string;
  onDone?: () => void;
}) {
  const { state, formAction, pending, onSubmit } = useKeptForm(acceptGateRiskAction);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  // Written: the board shows it. Waiting to sync: the form says so, and stays.
  useEffect(() => {
    if (state.status === "done" && !state.queued) onDone?.();
  }, [state, onDone]);
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      className="space-y-3"
      aria-label={`Accept the risk of “${gate.name}”`}
      key={submissionId}
    >
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="gateSlug" value={gate.slug} />
      <CountedText
        label="Risk"
        name="title"
        state={state}
        max={TEXT_LIMITS.title}
        initial={`“${gate.name}” is ${gate.statusWord}`}
        hint="A short name for the risk; it is raised and accepted at once."
        required
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Severity" name="severity" state={state} values={SEVERITIES} />
        <SelectField label="Likelihood" name="likelihood" state={state} values={LIKELIHOODS} />
        <SelectField
          label="Policy scope"
          name="policyScope"
          state={state}
          values={context.policyScopes}
          initial={gate.policyScope}
        />
      </div>
      <CountedText
        label="Justification"
        name="justification"
        state={state}
        max={TEXT_LIMITS.justification}
        rows={3}
        hint={`${JUSTIFICATION_HINT} Your name is added by ops-hub.`}
        required
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <AcceptanceDates state={state} today={context.today} latest={context.latest} />
      </div>
      <CountedText
        label="Compensating controls (optional)"
        name="compensatingControls"
        state={state}
        max={TEXT_LIMITS.compensatingControls}
        rows={2}
      />
      <ChoiceList
        label="Covers"
        name="covers"
        state={state}
        choices={context.items}
        initial={[gate.slug]}
        hint="Choose the gates this acceptance covers."
      />
      <FormMessage state={state} />
      <SubmitButton pending={pending} busyLabel="Accepting…">
        Raise and accept risk
      </SubmitButton>
    </form>
  );
}

/**
 * Revoking an acceptance ends an exception someone signed: it asks for a
 * reason and a confirmation, in a dialog, before anything is sent.
 */
export function RevokeForm({
  acceptanceId,
  riskName,
  initialSubmissionId,
}: {
  acceptanceId: string;
  riskName: string;
  initialSubmissionId: string;
}) {
  const { state, formAction, pending, onSubmit } = useKeptForm(revokeAcceptanceAction);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  if (state.status === "done") return <FormMessage state={state} />;
  return (
    <div className="mt-2">
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md border border-red-300 px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50"
      >
        Revoke…
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-labelledby={`revoke-${acceptanceId}`}
        className="m-auto w-[min(36rem,95vw)] rounded-xl border border-slate-300 p-5 backdrop:bg-black/50"
      >
        {open ? (
          <form
            action={formAction}
            onSubmit={onSubmit}
            className="space-y-3"
            aria-label="Revoke this acceptance"
          >
            <h2 id={`revoke-${acceptanceId}`} className="text-lg font-semibold">
              Revoke the acceptance of “{riskName}”?
            </h2>
            <p className="text-sm text-slate-700">
              The gates it covers lose the exception at once and show their evidence&apos;s status
              again.
            </p>
            <input type="hidden" name="submissionId" value={submissionId} />
            <input type="hidden" name="acceptanceId" value={acceptanceId} />
            <CountedText
              label="Reason to revoke"
              name="reason"
              state={state}
              max={TEXT_LIMITS.reason}
              rows={2}
              required
            />
            <FormMessage state={state} />
            <div className="flex flex-wrap gap-3">
              <SubmitButton
                pending={pending}
                busyLabel="Revoking…"
                className="bg-red-800 hover:bg-red-700"
              >
                Revoke acceptance
              </SubmitButton>
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
              >
                Cancel
              </button>
            </div>
          </form>
        ) : null}
      </dialog>
    </div>
  );
}
