import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Topology" };

export default function TopologyPage() {
  return (
    <>
      <PageHeader
        title="Topology"
        description="Environment → host or cluster → service → endpoint."
      />
      <EmptyState title="Not built yet">The topology view comes with the catalog.</EmptyState>
    </>
  );
}
