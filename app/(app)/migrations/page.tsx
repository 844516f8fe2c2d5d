import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getCatalogModel } from "@/lib/ops/snapshot";

export const metadata: Metadata = { title: "Migrations" };

export default async function MigrationsPage() {
  const { widgets } = (await getCatalogModel()).index;
  const waves = widgets.filter((w) => w.type === "ops-migration-wave");
  const gatesOf = (wave: string) =>
    widgets.filter((w) => w.type === "ops-readiness-gate" && w.metadata.wave === wave).length;
  return (
    <>
      <PageHeader title="Migrations" description="Migration waves and their readiness gates." />
      {waves.length === 0 ? (
        <EmptyState title="No migration waves" />
      ) : (
        <ul className="space-y-3">
          {waves.map((wave) => (
            <li key={wave.id} className="rounded-xl border border-slate-200 bg-white p-5">
              <Link
                href={`/migrations/${wave.slug}`}
                className="text-lg font-semibold hover:underline"
              >
                {wave.name}
              </Link>
              <p className="text-sm text-slate-600">{gatesOf(wave.slug)} readiness gates</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
