import { GATE_STATUS_LOOK } from "@/components/gates/gate-status";
import type { GateStatus } from "@/lib/domain/gates";
import type { Verdict } from "@/lib/domain/review-summary";

/**
 * Words with icons for the present mode's dark screen: colour is never the
 * only signal, and the icon is decoration (the word carries the meaning).
 */
type Check = "holds" | "stale" | "fails" | "unknown";

const CHECK_LOOK: Record<Check, { icon: string; className: string }> = {
  holds: { icon: "✓", className: "bg-emerald-900 text-emerald-50 ring-emerald-400" },
  stale: { icon: "◷", className: "bg-amber-900 text-amber-50 ring-amber-400" },
  fails: { icon: "✕", className: "bg-red-900 text-red-50 ring-red-400" },
  unknown: { icon: "?", className: "bg-slate-800 text-slate-50 ring-slate-400" },
};

export const VERDICT_LOOK: Record<Verdict, { icon: string; label: string; className: string }> = {
  pass: { icon: "✓", label: "pass", className: "bg-emerald-900 text-emerald-50 ring-emerald-400" },
  fail: { icon: "✕", label: "fail", className: "bg-red-900 text-red-50 ring-red-400" },
  defer: { icon: "↷", label: "defer", className: "bg-slate-800 text-slate-50 ring-slate-400" },
};

const pill =
  "inline-flex items-center gap-1.5 rounded-full px-3 py-0.5 font-semibold whitespace-nowrap ring-1 ring-inset";

/** A gate status sized for the room (the shared badge's small size is for desks). */
export function StatusPill({ status }: { status: GateStatus }) {
  const look = GATE_STATUS_LOOK[status];
  return (
    <span className={`${pill} text-lg ${look.dark}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

export function CheckMark({ check }: { check: Check }) {
  const look = CHECK_LOOK[check];
  return (
    <span className={`${pill} text-base ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      {check}
    </span>
  );
}

export function VerdictMark({ verdict, large = false }: { verdict: Verdict; large?: boolean }) {
  const look = VERDICT_LOOK[verdict];
  return (
    <span className={`${pill} ${large ? "px-4 py-1 text-2xl" : "text-base"} ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

export function GoMark({ go }: { go: boolean }) {
  return go ? (
    <span className="inline-flex items-center gap-3 rounded-2xl bg-emerald-800 px-5 py-2 text-3xl font-black tracking-wide text-white ring-2 ring-emerald-300 lg:text-4xl">
      <span aria-hidden="true">✓</span>
      <span className="sr-only">Wave is </span>GO
    </span>
  ) : (
    <span className="inline-flex items-center gap-3 rounded-2xl bg-red-800 px-5 py-2 text-3xl font-black tracking-wide text-white ring-2 ring-red-300 lg:text-4xl">
      <span aria-hidden="true">✕</span>
      <span className="sr-only">Wave is </span>NO-GO
    </span>
  );
}

/** A key cap, hidden from assistive technology: the control names the action, aria-keyshortcuts the key. */
export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd
      aria-hidden="true"
      className="ml-2 rounded border border-current/40 px-1.5 py-0.5 font-mono text-[0.8em] opacity-90"
    >
      {children}
    </kbd>
  );
}
