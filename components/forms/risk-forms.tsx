"use client";

import { useActionState } from "react";
import { acceptRiskAction, raiseRiskAction, revokeAcceptanceAction } from "@/lib/actions/forms";
import { LIKELIHOODS, SEVERITIES } from "@/lib/domain/risk-scales";
import { IDLE } from "@/lib/actions/form-state";
import {
  Field,
  FormMessage,
  inputClass,
  SelectField,
  SubmitButton,
  useSubmissionId,
  valueOf,
  valuesOf,
} from "./form-parts";

export type Choice = { value: string; label: string; group: string };

function MultiSelect({
  choices,
  selected,
  ...props
}: { choices: Choice[]; selected: string[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const groups = [...new Set(choices.map((c) => c.group))];
  return (
    <select {...props} multiple size={8} defaultValue={selected} className={inputClass}>
      {groups.map((group) => (
        <optgroup key={group} label={group}>
          {choices
            .filter((c) => c.group === group)
            .map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

export function RaiseRiskForm({
  items,
  policyScopes,
  initialSubmissionId,
}: {
  items: Choice[];
  policyScopes: string[];
  initialSubmissionId: string;
}) {
  const [state, action] = useActionState(raiseRiskAction, IDLE);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  return (
    <form action={action} className="space-y-3" aria-label="Raise a risk" key={submissionId}>
      <input type="hidden" name="submissionId" value={submissionId} />
      <Field label="Title" name="title" state={state}>
        {(props) => (
          <input
            {...props}
            defaultValue={valueOf(state, "title")}
            maxLength={200}
            className={inputClass}
            required
          />
        )}
      </Field>
      <Field label="Description (optional)" name="description" state={state}>
        {(props) => (
          <textarea
            {...props}
            defaultValue={valueOf(state, "description")}
            rows={2}
            className={inputClass}
          />
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Severity" name="severity" state={state} values={SEVERITIES} />
        <SelectField label="Likelihood" name="likelihood" state={state} values={LIKELIHOODS} />
        <SelectField label="Policy scope" name="policyScope" state={state} values={policyScopes} />
      </div>
      <Field
        label="Applies to"
        name="appliesTo"
        state={state}
        hint="Ctrl or Shift to choose several."
      >
        {(props) => (
          <MultiSelect
            {...props}
            choices={items}
            selected={valuesOf(state, "appliesTo")}
            required
          />
        )}
      </Field>
      <FormMessage state={state} />
      <SubmitButton>Raise risk</SubmitButton>
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
  const [state, action] = useActionState(acceptRiskAction, IDLE);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  return (
    <form action={action} className="space-y-3" aria-label="Accept a risk" key={submissionId}>
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
      <Field
        label="Justification"
        name="justification"
        state={state}
        hint="Why accepting it is right for now, in at least a sentence. Your name is added by ops-hub."
      >
        {(props) => (
          <textarea
            {...props}
            defaultValue={valueOf(state, "justification")}
            rows={3}
            className={inputClass}
            required
          />
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Policy scope" name="policyScope" state={state} values={policyScopes} />
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
      </div>
      <Field label="Compensating controls (optional)" name="compensatingControls" state={state}>
        {(props) => (
          <textarea
            {...props}
            defaultValue={valueOf(state, "compensatingControls")}
            rows={2}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        label="Covers"
        name="covers"
        state={state}
        hint="The gates or items this acceptance covers."
      >
        {(props) => (
          <MultiSelect {...props} choices={items} selected={valuesOf(state, "covers")} required />
        )}
      </Field>
      <FormMessage state={state} />
      <SubmitButton>Accept risk</SubmitButton>
    </form>
  );
}

export function RevokeForm({
  acceptanceId,
  initialSubmissionId,
}: {
  acceptanceId: string;
  initialSubmissionId: string;
}) {
  const [state, action] = useActionState(revokeAcceptanceAction, IDLE);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  if (state.status === "done") return <FormMessage state={state} />;
  return (
    <form
      action={action}
      className="mt-2 flex flex-wrap items-end gap-2"
      aria-label="Revoke this acceptance"
    >
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="acceptanceId" value={acceptanceId} />
      <Field label="Reason to revoke" name="reason" state={state}>
        {(props) => (
          <input
            {...props}
            defaultValue={valueOf(state, "reason")}
            className={inputClass}
            required
          />
        )}
      </Field>
      <SubmitButton>Revoke</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
