/** A placeholder while a panel's data is on its way. */
export function Skeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div role="status" aria-label={label} className="animate-pulse space-y-2">
      {Array.from({ length: lines }, (_, index) => (
        <div
          key={index}
          className="h-4 rounded bg-slate-200"
          style={{ width: `${90 - index * 15}%` }}
        />
      ))}
    </div>
  );
}
