"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { GateRiskContext } from "@/components/forms/risk-forms";
import { newSubmissionId } from "@/components/forms/submission-id";

// The form's code loads when a dialog first opens: the board and present
// mode, on a shared screen most of the time, need only the button.
const AcceptGateRiskForm = dynamic(
  () => import("@/components/forms/risk-forms").then((forms) => forms.AcceptGateRiskForm),
  { loading: () => <p role="status">Loading the form…</p> },
);

export type GateRiskTarget = {
  slug: string;
  name: string;
  statusWord: string;
  policyScope?: string;
};

/**
 * "Accept risk…" where the gate fails: one dialog that raises the risk and
 * accepts it. On the board it opens from its button; present mode also opens
 * it by key, so it can hold the open state itself (`open`, `onOpenChange`).
 * The form is the desk-sized one; in present mode its rem follows the screen.
 */
export function AcceptGateRisk({
  gate,
  context,
  open: controlled,
  onOpenChange,
  onAccepted,
  buttonClassName,
  children,
}: {
  gate: GateRiskTarget;
  context: GateRiskContext;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onAccepted?: () => void;
  buttonClassName: string;
  /** What follows the button's label (a key cap in present mode). */
  children?: React.ReactNode;
}) {
  const [own, setOwn] = useState(false);
  const open = controlled ?? own;
  const setOpen = onOpenChange ?? setOwn;
  // Made when the dialog opens (in the browser): each opening is a new submission.
  const [submissionId, setSubmissionId] = useState<string>();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setSubmissionId(newSubmissionId());
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);
  const titleId = `accept-risk-${gate.slug}`;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        className={buttonClassName}
      >
        Accept risk…
        {children}
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        className="m-auto max-h-[92dvh] w-[min(46rem,95vw)] rounded-xl border border-slate-300 bg-white p-5 text-slate-900 [color-scheme:light] backdrop:bg-black/60"
      >
        {open && submissionId ? (
          <div className="space-y-3 text-sm">
            <div className="flex items-start justify-between gap-4">
              <h2 id={titleId} className="text-lg font-semibold">
                Accept the risk of “{gate.name}”
              </h2>
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100"
              >
                Cancel
              </button>
            </div>
            <p className="text-slate-700">
              The gate is {gate.statusWord}. This raises a risk for it and accepts it in one step,
              signed with your name, until the expiry you choose.
            </p>
            <AcceptGateRiskForm
              gate={gate}
              context={context}
              initialSubmissionId={submissionId}
              onDone={() => {
                setOpen(false);
                onAccepted?.();
              }}
            />
          </div>
        ) : null}
      </dialog>
    </>
  );
}
