export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
      <h2 className="font-medium">{title}</h2>
      {children ? <div className="mt-2 text-slate-600">{children}</div> : null}
    </div>
  );
}
