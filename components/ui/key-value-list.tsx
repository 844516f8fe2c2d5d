/** Metadata as key/value rows: prose as text, identifiers and structures in monospace. */
export function KeyValueList({
  entries,
  className = "text-sm",
}: {
  entries: [string, unknown][];
  className?: string;
}) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 ${className}`}>
      {entries.map(([key, value]) => {
        const prose = typeof value === "string" && value.includes(" ") && !value.includes("://");
        return (
          <div key={key} className="contents">
            <dt className="text-slate-600">{key}</dt>
            <dd className={prose ? "break-words" : "font-mono break-all"}>
              {typeof value === "string" ? value : JSON.stringify(value)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
