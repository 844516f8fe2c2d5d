import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Risks" };

export default function RisksPage() {
  return (
    <>
      <PageHeader title="Risks" description="Open risks and their acceptances." />
      <EmptyState title="Not built yet">
        The risk register comes with the operator forms.
      </EmptyState>
    </>
  );
}
