/** A count in the colour of its state; a zero is dimmed, so what is not zero stands out. */
export function countTone(count: number, tone: "bad" | "warn" | "good" | "neutral"): string {
  if (count === 0) return "font-normal text-slate-500";
  return {
    bad: "font-semibold text-red-700",
    warn: "font-semibold text-amber-800",
    good: "font-semibold text-emerald-700",
    neutral: "font-semibold text-slate-800",
  }[tone];
}
