import type { Metadata } from "next";
import Link from "next/link";
import { KeyValueList } from "@/components/ui/key-value-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getHubSlug, getInterHub, interHubMode } from "@/lib/interhub";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireUser("admin");
  const entry = await (await getInterHub(getHubSlug())).getHubRegistryEntry(getHubSlug());
  const manifest = entry.manifest;
  const facts: [string, string][] = [
    ["Inter-Hub", interHubMode() === "embedded" ? "embedded (this server, /api/v2)" : "remote"],
    ["Hub", `${entry.hub.name} (${entry.hub.slug})`],
    [
      "Classification",
      `${entry.hub.kind} · ${entry.hub.family ?? "—"} · ${entry.hub.vsmFunction ?? "—"} / System ${entry.hub.vsmSystem ?? "—"}`,
    ],
    [
      "Manifest",
      manifest
        ? `${manifest.status} since ${manifest.activatedAt?.slice(0, 10) ?? "—"}`
        : "none active",
    ],
    [
      "Vocabulary",
      manifest
        ? `${manifest.widgetTypes.length} widget types, ${manifest.eventTypes.length} event types, ${manifest.annotationCategories.length} annotation categories, ${manifest.policyScopes.length} policy scopes`
        : "—",
    ],
    [
      "Content",
      `${entry.counts.widgets} widgets, ${entry.counts.interactionEvents} events, ${entry.counts.annotations} annotations`,
    ],
  ];
  return (
    <>
      <PageHeader title="Admin" description="The Inter-Hub this ops-hub talks to." />
      <nav aria-label="Admin sections" className="mb-4">
        <ul className="flex flex-wrap gap-4 text-sky-800 underline">
          <li>
            <Link href="/admin/users">Users</Link>
          </li>
          <li>
            <Link href="/admin/screens">Screen links</Link>
          </li>
          <li>
            <Link href="/admin/outbox">Outbox</Link>
          </li>
        </ul>
      </nav>
      <div className="rounded-xl border border-slate-200 bg-white p-5">
        <KeyValueList entries={facts} />
      </div>
    </>
  );
}
