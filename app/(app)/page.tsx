import type { Metadata } from "next";
import { EnvironmentCard } from "@/components/environments/environment-card";
import { AttentionPanel } from "@/components/home/attention-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { needsAttention } from "@/lib/domain/attention";
import { summarizeEnvironments } from "@/lib/domain/environments";
import { listWaves } from "@/lib/domain/waves";
import { getBoard } from "@/lib/data/board";
import { getCatalogModel } from "@/lib/data/snapshot";

export const metadata: Metadata = { title: "Overview" };

export default async function HomePage() {
  const model = await getCatalogModel();
  const boards = await Promise.all(listWaves(model).map((wave) => getBoard(wave.slug)));
  const attention = needsAttention(
    model,
    boards.filter((board) => board !== undefined),
  );
  const environments = summarizeEnvironments(model);
  return (
    <>
      <PageHeader
        title="Overview"
        description="What needs attention now, then each environment from current production to the ThreePhoenix target."
      />
      <AttentionPanel attention={attention} />
      <section aria-labelledby="environments">
        <h2 id="environments" className="mb-3 text-lg font-semibold">
          Environments
        </h2>
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
      </section>
    </>
  );
}
