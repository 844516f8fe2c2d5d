/** Metadata as key/value rows; non-string values shown as compact JSON. */
export function KeyValueList({
  entries,
  className = "text-sm",
}: {
  entries: [string, unknown][];
  className?: string;
}) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 ${className}`}>
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-slate-500">{key}</dt>
          <dd className="font-mono break-all">
            {typeof value === "string" ? value : JSON.stringify(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
