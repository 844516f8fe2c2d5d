import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireUser } from "@/lib/auth/session";
import { dismissOutboxRowAction } from "@/lib/actions/outbox";
import { getOutbox } from "@/lib/outbox";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  await requireUser("admin");
  const rows = await (await getOutbox()).pending();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Writes Inter-Hub has not acknowledged: waiting ones are retried by themselves with backoff; refused ones wait for you to read why."
      />
      {rows.length === 0 ? (
        <EmptyState title="Nothing waiting">Every write has reached Inter-Hub.</EmptyState>
      ) : (
        <DataTable
          caption="Writes not yet acknowledged by Inter-Hub"
          columns={["Write", "By", "State", "Last error", ""]}
        >
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="px-3 py-2">
                {row.summary}
                <div className="text-xs text-slate-600">
                  <RelativeTime at={row.created_at} now={now} />
                </div>
              </td>
              <td className="px-3 py-2">{(JSON.parse(row.created_by) as { name: string }).name}</td>
              <td className="px-3 py-2">
                {row.status === "rejected"
                  ? "refused"
                  : `waiting, ${row.attempts} ${row.attempts === 1 ? "attempt" : "attempts"}; next `}
                {row.status === "pending" ? (
                  <RelativeTime at={row.next_attempt_at} now={now} />
                ) : null}
              </td>
              <td className="px-3 py-2 text-slate-700">{row.last_error ?? "—"}</td>
              <td className="px-3 py-2">
                {row.status === "rejected" ? (
                  <form action={dismissOutboxRowAction}>
                    <input type="hidden" name="id" value={row.id} />
                    <button type="submit" className="rounded border border-slate-300 px-2 py-0.5">
                      Dismiss
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
