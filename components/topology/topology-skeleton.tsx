export function TopologySkeleton() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-3">
      <span className="sr-only">Loading the topology…</span>
      {[0, 1, 2].map((i) => (
        <div key={i} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
          <div className="h-5 w-56 rounded bg-slate-200" />
          <div className="ml-6 h-4 w-80 rounded bg-slate-100" />
          <div className="ml-6 h-4 w-72 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}
