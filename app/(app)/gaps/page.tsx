import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Gaps" };

export default function GapsPage() {
  return (
    <>
      <PageHeader title="Gaps" description="What the catalog cannot yet answer." />
      <EmptyState title="Not built yet">Computed gaps come with the catalog.</EmptyState>
    </>
  );
}
