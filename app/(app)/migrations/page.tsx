import type { Metadata } from "next";
import Link from "next/link";
import { GateStatusBadge } from "@/components/gates/gate-status";
import { GoBadge } from "@/components/gates/go-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getBoard } from "@/lib/data/board";
import { listWaves } from "@/lib/domain/waves";
import { getCatalogModel } from "@/lib/data/snapshot";

export const metadata: Metadata = { title: "Migrations" };

export default async function MigrationsPage() {
  const waves = listWaves(await getCatalogModel());
  const boards = await Promise.all(waves.map((wave) => getBoard(wave.slug)));
  return (
    <>
      <PageHeader
        title="Migrations"
        description="Migration waves: go or no-go, from the evidence behind each readiness gate."
      />
      {waves.length === 0 ? (
        <EmptyState title="No migration waves">
          Record an ops-migration-wave widget with its readiness gates to see it here.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {boards.map((board) =>
            board ? (
              <li key={board.wave.id} className="rounded-xl border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-center gap-3">
                  <Link
                    href={`/migrations/${board.wave.slug}`}
                    className="text-lg font-semibold hover:underline"
                  >
                    {board.wave.name}
                  </Link>
                  <GoBadge go={board.go} />
                </div>
                <p className="mt-1 text-sm text-slate-700">
                  {board.gates.length} gates:{" "}
                  {board.gates.filter((g) => g.status === "passed").length} passed,{" "}
                  {board.gates.filter((g) => g.status === "risk-accepted").length} risk accepted,{" "}
                  {board.holding.length} holding the wave.
                </p>
                <ul
                  className="mt-2 flex flex-wrap gap-1"
                  aria-label={`Gates of ${board.wave.name}`}
                >
                  {board.gates.map((g) => (
                    <li key={g.gate.id} title={g.gate.name}>
                      <GateStatusBadge status={g.status} />
                    </li>
                  ))}
                </ul>
              </li>
            ) : null,
          )}
        </ul>
      )}
    </>
  );
}
