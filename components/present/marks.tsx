import { GATE_STATUS_LOOK } from "@/components/gates/gate-status";
import { Icon, type IconName } from "@/components/gates/icons";
import type { GateStatus } from "@/lib/domain/gates";
import type { Verdict } from "@/lib/domain/review-summary";

/**
 * Words with icons for the present mode's dark screen: colour is never the
 * only signal, and the icon is decoration (the word carries the meaning).
 * Sizes are in rem of the present mode's canvas (present.module.css).
 */
type Check = "holds" | "stale" | "fails" | "unknown";

const CHECK_LOOK: Record<Check, { icon: IconName; className: string }> = {
  holds: { icon: "check", className: "bg-emerald-900 text-emerald-50 ring-emerald-400" },
  stale: { icon: "clock", className: "bg-amber-900 text-amber-50 ring-amber-400" },
  fails: { icon: "cross", className: "bg-red-900 text-red-50 ring-red-400" },
  unknown: { icon: "question", className: "bg-slate-800 text-slate-50 ring-slate-400" },
};

export const VERDICT_LOOK: Record<Verdict, { icon: IconName; label: string; className: string }> = {
  pass: {
    icon: "check",
    label: "pass",
    className: "bg-emerald-900 text-emerald-50 ring-emerald-400",
  },
  fail: { icon: "cross", label: "fail", className: "bg-red-900 text-red-50 ring-red-400" },
  defer: { icon: "defer", label: "defer", className: "bg-slate-800 text-slate-50 ring-slate-400" },
};

const pill =
  "inline-flex items-center gap-[0.3em] rounded-full px-[0.5em] py-[0.05em] font-semibold whitespace-nowrap ring-2 ring-inset";

/** A gate status sized for the room (the shared badge's small size is for desks). */
export function StatusPill({ status, large = false }: { status: GateStatus; large?: boolean }) {
  const look = GATE_STATUS_LOOK[status];
  return (
    <span className={`${pill} ${large ? "text-[2.25rem]" : "text-[1.75rem]"} ${look.dark}`}>
      <Icon name={look.icon} />
      {look.label}
    </span>
  );
}

export function CheckMark({ check }: { check: Check }) {
  const look = CHECK_LOOK[check];
  return (
    <span className={`${pill} text-[1.75rem] ${look.className}`}>
      <Icon name={look.icon} />
      {check}
    </span>
  );
}

export function VerdictMark({ verdict, large = false }: { verdict: Verdict; large?: boolean }) {
  const look = VERDICT_LOOK[verdict];
  return (
    <span className={`${pill} ${large ? "text-[2.25rem]" : "text-[1.75rem]"} ${look.className}`}>
      <Icon name={look.icon} />
      {look.label}
    </span>
  );
}

/** The wave's verdict, the largest thing on the screen. */
export function GoMark({ go }: { go: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-[0.25em] rounded-2xl px-[0.4em] py-[0.05em] text-[4.5rem] leading-tight font-black tracking-wide text-white ring-4 ${
        go ? "bg-emerald-800 ring-emerald-300" : "bg-red-800 ring-red-300"
      }`}
    >
      <Icon name={go ? "check" : "cross"} />
      <span className="sr-only">Wave is </span>
      {go ? "GO" : "NO-GO"}
    </span>
  );
}

/** A key cap, hidden from assistive technology: the control names the action, aria-keyshortcuts the key. */
export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd
      aria-hidden="true"
      className="ml-[0.4em] rounded border border-current/40 px-[0.25em] font-mono text-[0.8em] opacity-90"
    >
      {children}
    </kbd>
  );
}

/** A warning or notice line inside the present view, with its icon. */
export function Notice({
  icon,
  tone,
  children,
}: {
  icon: IconName;
  tone: "amber" | "red" | "sky";
  children: React.ReactNode;
}) {
  const tones = {
    amber: "border-amber-400 bg-amber-950 text-amber-50",
    red: "border-red-400 bg-red-950 text-red-50",
    sky: "border-sky-400 bg-sky-950 text-sky-50",
  };
  return (
    <p
      className={`flex shrink-0 items-start gap-[0.4em] rounded-xl border-2 px-4 py-1.5 ${tones[tone]}`}
    >
      <Icon name={icon} className="mt-[0.2em]" />
      <span className="min-w-0">{children}</span>
    </p>
  );
}
