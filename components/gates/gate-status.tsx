import type { GateStatus } from "@/lib/domain/gates";
import { GATE_STATUS_WORDS } from "@/lib/domain/gate-words";
import { Icon, type IconName } from "./icons";

/** Every gate status as a word, an icon and a colour: colour is never the only signal. */
export const GATE_STATUS_LOOK: Record<
  GateStatus,
  { icon: IconName; label: string; light: string; dark: string }
> = {
  passed: {
    icon: "check",
    label: GATE_STATUS_WORDS["passed"],
    light: "bg-emerald-50 text-emerald-900 ring-emerald-400",
    dark: "bg-emerald-900 text-emerald-50 ring-emerald-400",
  },
  "risk-accepted": {
    icon: "flag",
    label: GATE_STATUS_WORDS["risk-accepted"],
    light: "bg-sky-50 text-sky-900 ring-sky-400",
    dark: "bg-sky-900 text-sky-50 ring-sky-400",
  },
  stale: {
    icon: "clock",
    label: GATE_STATUS_WORDS["stale"],
    light: "bg-amber-50 text-amber-900 ring-amber-400",
    dark: "bg-amber-900 text-amber-50 ring-amber-400",
  },
  failing: {
    icon: "cross",
    label: GATE_STATUS_WORDS["failing"],
    light: "bg-red-50 text-red-900 ring-red-400",
    dark: "bg-red-900 text-red-50 ring-red-400",
  },
  blocked: {
    icon: "blocked",
    label: GATE_STATUS_WORDS["blocked"],
    light: "bg-red-100 text-red-950 ring-red-600",
    dark: "bg-red-950 text-red-50 ring-red-500",
  },
  unknown: {
    icon: "question",
    label: GATE_STATUS_WORDS["unknown"],
    light: "bg-slate-100 text-slate-800 ring-slate-400",
    dark: "bg-slate-800 text-slate-50 ring-slate-400",
  },
};

export function GateStatusBadge({
  status,
  theme = "light",
  size = "sm",
}: {
  status: GateStatus;
  theme?: "light" | "dark";
  size?: "sm" | "lg";
}) {
  const look = GATE_STATUS_LOOK[status];
  const sizing = size === "lg" ? "gap-2 px-4 py-1.5 text-2xl" : "gap-1 px-2 py-0.5 text-xs";
  return (
    <span
      className={`inline-flex items-center rounded-full font-semibold whitespace-nowrap ring-1 ring-inset ${sizing} ${look[theme]}`}
    >
      <Icon name={look.icon} />
      {GATE_STATUS_WORDS[status]}
    </span>
  );
}
