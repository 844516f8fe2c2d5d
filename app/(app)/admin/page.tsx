import type { Metadata } from "next";
import Link from "next/link";
import { RevokeApiKeyButton } from "@/components/admin/revoke-api-key-button";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { KeyValueList } from "@/components/ui/key-value-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { apiKeyState, listAdminApiKeys } from "@/lib/data/api-keys";
import { utcMinute } from "@/lib/domain/time";
import { getHubSlug, getInterHub, interHubMode } from "@/lib/interhub";

const KEY_STATE_LOOK = {
  active: { tone: "good", text: "✓ active" },
  revoked: { tone: "bad", text: "✕ revoked" },
  expired: { tone: "neutral", text: "◷ expired" },
} as const;

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireUser("admin");
  const [entry, keys] = await Promise.all([
    getInterHub(getHubSlug()).then((hub) => hub.getHubRegistryEntry(getHubSlug())),
    listAdminApiKeys(),
  ]);
  const now = new Date();
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
      <section aria-labelledby="api-keys" className="mt-8">
        <h2 id="api-keys" className="mb-3 text-lg font-semibold">
          API keys
        </h2>
        {keys === null ? (
          <p className="text-slate-600">The remote Inter-Hub&apos;s keys are managed there.</p>
        ) : (
          <DataTable
            caption="API keys of the embedded hub, newest first: only their prefixes are shown"
            columns={[
              "Consumer",
              "Prefix",
              "Scopes",
              "State",
              "Created",
              "Last used",
              "Expires",
              "",
            ]}
          >
            {keys.map((key) => {
              const state = apiKeyState(key, now);
              return (
                <tr key={key.id}>
                  <td className="px-3 py-2 font-medium">{key.consumerName}</td>
                  <td className="px-3 py-2 font-mono">{key.prefix}…</td>
                  <td className="px-3 py-2 text-sm text-slate-700">{key.scopes.join(" ")}</td>
                  <td className="px-3 py-2">
                    <Badge tone={KEY_STATE_LOOK[state].tone}>{KEY_STATE_LOOK[state].text}</Badge>
                  </td>
                  <td className="px-3 py-2 text-slate-700">{utcMinute(key.createdAt)}</td>
                  <td className="px-3 py-2 text-slate-700">
                    {key.lastUsedAt ? utcMinute(key.lastUsedAt) : "never"}
                  </td>
                  <td className="px-3 py-2 text-slate-700">
                    {state === "revoked" && key.revokedAt
                      ? `revoked ${utcMinute(key.revokedAt)}`
                      : key.expiresAt
                        ? utcMinute(key.expiresAt)
                        : "never"}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {key.heldByThisServer ? (
                      <span className="text-sm text-slate-600">used by this server</span>
                    ) : state === "active" ? (
                      <RevokeApiKeyButton
                        consumerId={key.consumerId}
                        keyId={key.id}
                        prefix={key.prefix}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </>
  );
}
