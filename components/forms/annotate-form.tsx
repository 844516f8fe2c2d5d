"use client";

import { useActionState } from "react";
import { annotateAction } from "@/lib/actions/forms";
import { IDLE } from "@/lib/actions/form-state";
import {
  Field,
  FormMessage,
  inputClass,
  SelectField,
  SubmitButton,
  useSubmissionId,
  valueOf,
} from "./form-parts";

export function AnnotateForm({
  widgetSlug,
  categories,
  initialSubmissionId,
}: {
  widgetSlug: string;
  categories: string[];
  initialSubmissionId: string;
}) {
  const [state, action] = useActionState(annotateAction, IDLE);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  return (
    <form action={action} className="space-y-3" aria-label="Annotate this item" key={submissionId}>
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="widgetSlug" value={widgetSlug} />
      <SelectField label="Category" name="category" state={state} values={categories} />
      <Field label="Note" name="body" state={state}>
        {(props) => (
          <textarea
            {...props}
            defaultValue={valueOf(state, "body")}
            rows={3}
            maxLength={5000}
            className={inputClass}
            required
          />
        )}
      </Field>
      <Field
        label="Link (optional)"
        name="link"
        state={state}
        hint="An issue, a log, a workplan: http(s) only."
      >
        {(props) => (
          <input
            {...props}
            type="url"
            defaultValue={valueOf(state, "link")}
            className={inputClass}
          />
        )}
      </Field>
      <FormMessage state={state} />
      <SubmitButton>Record annotation</SubmitButton>
    </form>
  );
}
