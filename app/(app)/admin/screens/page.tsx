import type { Metadata } from "next";
import { ScreenLinkForm } from "@/components/admin/screen-link-form";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listWaves } from "@/lib/domain/waves";
import { getCatalogModel } from "@/lib/data/snapshot";
import { listScreenLinks, MAX_SCREEN_LINK_DAYS, screenLinkState } from "@/lib/data/screen-links";
import { revokeScreenLinkAction } from "@/lib/actions/screen-links";
import { utcMinute } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Screen links" };

const STATE_LOOK = {
  active: { tone: "good", text: "✓ active" },
  revoked: { tone: "bad", text: "✕ revoked" },
  expired: { tone: "neutral", text: "◷ expired" },
} as const;

export default async function ScreenLinksPage() {
  await requireUser("admin");
  const [model, links] = await Promise.all([getCatalogModel(), listScreenLinks()]);
  const waves = listWaves(model).map((w) => ({ slug: w.slug, name: w.name }));
  const waveName = (slug: string) => waves.find((w) => w.slug === slug)?.name ?? slug;
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Screen links"
        description="Read-only links for a TV or projector: they show one wave's present view without signing in, until they expire or are revoked (the screen stops at its next refresh)."
      />
      <section
        aria-labelledby="new-link"
        className="mb-8 rounded-xl border border-slate-200 bg-white p-5"
      >
        <h2 id="new-link" className="mb-4 text-lg font-semibold">
          New screen link
        </h2>
        {waves.length > 0 ? (
          <ScreenLinkForm waves={waves} maxDays={MAX_SCREEN_LINK_DAYS} />
        ) : (
          <p className="text-slate-600">There is no migration wave to show yet.</p>
        )}
      </section>
      <section aria-labelledby="links">
        <h2 id="links" className="mb-3 text-lg font-semibold">
          Links
        </h2>
        {links.length === 0 ? (
          <EmptyState title="No screen links yet" />
        ) : (
          <DataTable
            caption="Screen links, newest first"
            columns={["Label", "Wave", "State", "Created", "Expires", ""]}
          >
            {links.map((link) => {
              const state = screenLinkState(link, now);
              return (
                <tr key={link.id}>
                  <td className="px-4 py-2 font-medium">{link.label}</td>
                  <td className="px-4 py-2">{waveName(link.waveSlug)}</td>
                  <td className="px-4 py-2">
                    <Badge tone={STATE_LOOK[state].tone}>{STATE_LOOK[state].text}</Badge>
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {utcMinute(link.createdAt)} by {link.createdBy.name}
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {state === "revoked" && link.revokedAt
                      ? `revoked ${utcMinute(link.revokedAt)}`
                      : utcMinute(link.expiresAt)}
                  </td>
                  <td className="px-4 py-2 text-right">
                    {state === "active" ? (
                      <form action={revokeScreenLinkAction}>
                        <input type="hidden" name="id" value={link.id} />
                        <button
                          type="submit"
                          className="rounded-md border border-red-300 px-3 py-1 font-medium text-red-800 hover:bg-red-50"
                        >
                          Revoke<span className="sr-only"> {link.label}</span>
                        </button>
                      </form>
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
