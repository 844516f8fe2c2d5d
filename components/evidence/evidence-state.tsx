import type { EvidenceState } from "@/lib/domain/evidence";

/** An evidence state as a word, an icon and a colour: never colour alone. */
export const EVIDENCE_LOOK: Record<
  EvidenceState,
  { icon: string; label: string; className: string }
> = {
  fresh: {
    icon: "✓",
    label: "fresh",
    className: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  },
  stale: { icon: "◷", label: "stale", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  failing: { icon: "✕", label: "failing", className: "bg-red-50 text-red-800 ring-red-300" },
  none: {
    icon: "–",
    label: "no evidence",
    className: "bg-slate-100 text-slate-700 ring-slate-300",
  },
};

export function EvidenceStateBadge({ state }: { state: EvidenceState }) {
  const look = EVIDENCE_LOOK[state];
  return (
    <span className={`pill ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}
