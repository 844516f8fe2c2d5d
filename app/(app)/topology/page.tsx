import type { Metadata } from "next";
import { Suspense } from "react";
import { TopologyControls } from "@/components/topology/topology-controls";
import { TopologyPanel } from "@/components/topology/topology-panel";
import { TopologySkeleton } from "@/components/topology/topology-skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { parseTopologyParams } from "@/lib/domain/topology";

export const metadata: Metadata = { title: "Topology" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TopologyPage({ searchParams }: Props) {
  const params = parseTopologyParams(await searchParams);
  return (
    <>
      <PageHeader
        title="Topology"
        description="Environment → host or cluster → service → endpoint. Open or close any level, or focus on one item and its neighbours."
      >
        {params.focus ? null : <TopologyControls open={params.open ?? "first"} />}
      </PageHeader>
      <Suspense fallback={<TopologySkeleton />}>
        <TopologyPanel params={params} />
      </Suspense>
    </>
  );
}
