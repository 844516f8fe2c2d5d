import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getCatalogModel } from "@/lib/ops/snapshot";

type Props = { params: Promise<{ wave: string }> };

export const metadata: Metadata = { title: "Migration wave" };

export default async function WavePage({ params }: Props) {
  const { wave: slug } = await params;
  const { widgets } = (await getCatalogModel()).index;
  const wave = widgets.find((w) => w.type === "ops-migration-wave" && w.slug === slug);
  if (!wave) notFound();
  const gates = widgets
    .filter((w) => w.type === "ops-readiness-gate" && w.metadata.wave === slug)
    .sort((a, b) => Number(a.metadata.order ?? 0) - Number(b.metadata.order ?? 0));
  return (
    <>
      <PageHeader
        title={wave.name}
        description="Readiness gates of this wave, with their owner repo and the evidence each requires."
      >
        <Link
          href={`/migrations/${slug}/present`}
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white"
        >
          Present
        </Link>
      </PageHeader>
      <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm">
        <caption className="sr-only">Readiness gates</caption>
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">
              Gate
            </th>
            <th scope="col" className="px-4 py-2">
              Owner repo
            </th>
            <th scope="col" className="px-4 py-2">
              Evidence required
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {gates.map((gate) => (
            <tr key={gate.id}>
              <td className="px-4 py-2">
                <Link href={`/catalog/${gate.slug}`} className="font-medium hover:underline">
                  {gate.name}
                </Link>
              </td>
              <td className="px-4 py-2 font-mono">{String(gate.metadata.ownerRepo ?? "—")}</td>
              <td className="px-4 py-2 text-slate-700">
                {String(gate.metadata.evidenceRequirement ?? "—")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
