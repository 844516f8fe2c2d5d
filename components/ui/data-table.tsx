/**
 * A list of records for people who manage them (users, screen links, the
 * outbox): a bordered table with a caption for screen readers and a header
 * row. An empty column name is an actions column, named for screen readers.
 */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: string[];
  children: React.ReactNode;
}) {
  return (
    <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-100 text-slate-600">
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col" className="px-4 py-2">
              {column || <span className="sr-only">Actions</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
