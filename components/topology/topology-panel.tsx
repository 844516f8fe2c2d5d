import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { getSnapshot } from "@/lib/data/snapshot";
import { buildTopology, focusTopology, type TopologyParams } from "@/lib/domain/topology";
import { FocusPanel } from "./focus-panel";
import { TopologyTree, type OpenLevel } from "./topology-tree";

function utcTime(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

/** The topology for the URL's focus and open level, from the hub snapshot. */
export async function TopologyPanel({ params }: { params: TopologyParams }) {
  const snapshot = await getSnapshot();
  const { model } = snapshot;
  const full = buildTopology(model);
  const showAllHref = params.open ? `/topology?open=${params.open}` : "/topology";

  const stale = snapshot.staleSince ? (
    <p role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
      Inter-Hub unreachable ({snapshot.staleSince.error}), showing data from{" "}
      {utcTime(snapshot.fetchedAt)}.
    </p>
  ) : null;

  if (params.focus) {
    const focused = focusTopology(model, full, params.focus);
    if (!focused) {
      return (
        <>
          {stale}
          <EmptyState title="No item to focus on">
            No item has the slug <span className="font-mono">{params.focus}</span>.{" "}
            <Link href={showAllHref} className="underline">
              Show all
            </Link>
          </EmptyState>
        </>
      );
    }
    return (
      <>
        {stale}
        <FocusPanel focus={focused.focus} showAllHref={showAllHref} />
        {focused.topology.size > 0 ? (
          <>
            <p className="mb-2 text-sm text-slate-600">
              Showing {focused.topology.size} of {full.size} items.
            </p>
            <TopologyTree topology={focused.topology} open="all" focus={params.focus} />
          </>
        ) : null}
      </>
    );
  }

  const open: OpenLevel = params.open ?? "first";
  return (
    <>
      {stale}
      {full.size === 0 ? (
        <EmptyState title="Nothing to draw yet">
          Record ops-environment, ops-host, ops-cluster, ops-service and ops-endpoint widgets in the
          ops-hub hub to see the topology.
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {full.size} items in {full.environments.length} environments
            {full.unplaced.children.length > 0 ? ", some not yet placed" : ""}. Each says whether
            its evidence is fresh, stale, failing, or missing (no evidence).
          </p>
          {/* Keyed by level: a remount drops whatever the user opened or closed by hand. */}
          <TopologyTree key={open} topology={full} open={open} />
        </>
      )}
    </>
  );
}
