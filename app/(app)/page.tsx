import type { Metadata } from "next";
import { EnvironmentCard } from "@/components/environments/environment-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { summarizeEnvironments } from "@/lib/domain/environments";
import { getCatalogModel } from "@/lib/data/snapshot";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage() {
  const model = await getCatalogModel();
  const environments = summarizeEnvironments(model);
  return (
    <>
      <PageHeader
        title="Environments"
        description="From current production to the ThreePhoenix target: what each environment is for, what runs in it, and what evidence says about it."
      />
      {environments.length === 0 ? (
        <EmptyState title="No environments yet">
          Record an ops-environment widget in the ops-hub hub to see it here.
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {environments.map((summary) => (
            <EnvironmentCard key={summary.widget.id} summary={summary} now={model.now} />
          ))}
        </div>
      )}
    </>
  );
}
