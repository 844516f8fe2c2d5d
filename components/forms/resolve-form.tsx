"use client";

import { useActionState } from "react";
import { resolveAnnotationAction } from "@/lib/actions/forms";
import { IDLE } from "@/lib/actions/form-state";
import {
  Field,
  FormMessage,
  inputClass,
  SubmitButton,
  useSubmissionId,
  valueOf,
} from "./form-parts";

export function ResolveForm({
  widgetSlug,
  annotationId,
  initialSubmissionId,
}: {
  widgetSlug: string;
  annotationId: string;
  initialSubmissionId: string;
}) {
  const [state, action] = useActionState(resolveAnnotationAction, IDLE);
  const submissionId = useSubmissionId(state, initialSubmissionId);
  if (state.status === "done") return <FormMessage state={state} />;
  return (
    <form action={action} className="mt-2 space-y-2" aria-label="Resolve this annotation">
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="widgetSlug" value={widgetSlug} />
      <input type="hidden" name="annotationId" value={annotationId} />
      <Field label="How it was resolved (optional)" name="note" state={state}>
        {(props) => (
          <input
            {...props}
            defaultValue={valueOf(state, "note")}
            maxLength={2000}
            className={inputClass}
          />
        )}
      </Field>
      <FormMessage state={state} />
      <SubmitButton>Resolve</SubmitButton>
    </form>
  );
}
