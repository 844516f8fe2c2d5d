const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  info: "bg-sky-50 text-sky-800 ring-sky-300",
  warn: "bg-amber-50 text-amber-900 ring-amber-300",
  bad: "bg-red-50 text-red-800 ring-red-300",
  good: "bg-emerald-50 text-emerald-800 ring-emerald-300",
} as const;

export function Badge({
  tone = "neutral",
  title,
  children,
}: {
  tone?: keyof typeof TONES;
  title?: string;
  children: React.ReactNode;
}) {
  return (
    <span title={title} className={`pill ${TONES[tone]}`}>
      {children}
    </span>
  );
}

export function SeedBadge() {
  return (
    <Badge
      tone="info"
      title="From the workplan's seed inventory (HF-WP-0001), not yet observed by ops-hub"
    >
      seed data
    </Badge>
  );
}
