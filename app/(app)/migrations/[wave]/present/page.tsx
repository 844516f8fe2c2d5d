import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Present" };

export default function PresentPage() {
  return (
    <>
      <PageHeader title="Present mode" />
      <EmptyState title="Not built yet">
        The shared-screen review of the gates, with their evidence-derived status, comes with the
        gate board.
      </EmptyState>
    </>
  );
}
