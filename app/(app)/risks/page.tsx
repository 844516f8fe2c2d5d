import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { AcceptanceEntry } from "@/components/risks/acceptance-entry";
import Link from "next/link";
import { AcceptRiskForm, RaiseRiskForm, RevokeForm } from "@/components/forms/risk-forms";
import { gateChoices } from "@/components/risks/risk-choices";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/domain/roles";
import { MAX_ACCEPTANCE_DAYS } from "@/lib/actions/form-schemas";
import { getOutbox } from "@/lib/outbox";
import { getHubVocabulary } from "@/lib/data/queries";
import { isActive } from "@/lib/domain/risks";
import { getCatalogModel } from "@/lib/data/snapshot";
import { DAY_MS } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Risks" };

export default async function RisksPage() {
  const [model, user, vocabulary, outbox] = await Promise.all([
    getCatalogModel(),
    getSessionUser(),
    getHubVocabulary(),
    getOutbox(),
  ]);
  const now = new Date();
  const risks = model.index.widgets
    .filter((w) => w.type === "ops-risk")
    .sort((a, b) => a.name.localeCompare(b.name));
  const acceptancesOf = (riskId: string) =>
    model.acceptances.filter((a) => a.event.widgetId === riskId);
  const pending = (await outbox.pending()).filter(
    (row) => row.summary.includes("risk") || row.summary.includes("acceptance"),
  );
  const items = gateChoices(model.index);
  const nameOf = (slug: string) => model.index.bySlug.get(slug)?.name ?? slug;
  const today = now.toISOString().slice(0, 10);
  const latest = new Date(now.getTime() + MAX_ACCEPTANCE_DAYS * DAY_MS).toISOString().slice(0, 10);
  const canRaise = hasRole(user?.role, "operator");
  const canAccept = hasRole(user?.role, "approver");

  return (
    <>
      <PageHeader
        title="Risks"
        description="Open risks, their accepted exceptions with the days left, and the history of expired and revoked ones."
      />
      {pending.length > 0 ? (
        <section
          aria-labelledby="pending"
          className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
        >
          <h2 id="pending" className="font-semibold">
            Waiting to sync ({pending.length})
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {pending.map((row) => (
              <li key={row.id}>
                {row.summary} —{" "}
                {row.status === "rejected"
                  ? `refused: ${row.last_error}`
                  : `waiting (${row.attempts} attempts${row.last_error ? `; last: ${row.last_error}` : ""})`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="register" className="mb-8">
        <h2 id="register" className="mb-3 text-lg font-semibold">
          Register
        </h2>
        {risks.length === 0 ? (
          <EmptyState title="No risks raised yet">
            {canRaise ? "Raise one below." : "Operators raise risks here."}
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {risks.map((risk) => {
              const acceptances = acceptancesOf(risk.id);
              const active = acceptances.filter((a) => isActive(a, now));
              const history = acceptances.filter((a) => !isActive(a, now));
              return (
                <li key={risk.id} className="rounded-xl border border-slate-200 bg-white p-4">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/catalog/${risk.slug}`} className="font-semibold hover:underline">
                      {risk.name}
                    </Link>
                    <Badge tone="bad">{String(risk.metadata.severity ?? "?")}</Badge>
                    <Badge>{String(risk.metadata.likelihood ?? "?")}</Badge>
                    <span className="font-mono text-xs">
                      {String(risk.metadata.policyScope ?? "")}
                    </span>
                    {active.length > 0 ? (
                      <Badge tone="info">accepted</Badge>
                    ) : (
                      <Badge tone="warn">open</Badge>
                    )}
                  </div>
                  {Array.isArray(risk.metadata.appliesTo) ? (
                    <p className="mt-1 text-sm text-slate-700">
                      Applies to: {(risk.metadata.appliesTo as string[]).map(nameOf).join(", ")}
                    </p>
                  ) : null}
                  {active.map((a) => (
                    <AcceptanceEntry
                      key={a.event.id}
                      acceptance={a}
                      coverNames={a.covers.map(nameOf)}
                      now={now}
                    >
                      {canAccept ? (
                        <RevokeForm
                          acceptanceId={a.event.id}
                          riskName={risk.name}
                          initialSubmissionId={randomUUID()}
                        />
                      ) : null}
                    </AcceptanceEntry>
                  ))}
                  {history.length > 0 ? (
                    <details className="mt-2 text-sm">
                      <summary className="cursor-pointer text-slate-700">
                        History ({history.length})
                      </summary>
                      {history.map((a) => (
                        <AcceptanceEntry
                          key={a.event.id}
                          acceptance={a}
                          coverNames={a.covers.map(nameOf)}
                          now={now}
                        />
                      ))}
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        {canRaise ? (
          <section
            aria-labelledby="raise"
            className="rounded-xl border border-slate-200 bg-white p-5"
          >
            <h2 id="raise" className="mb-3 font-semibold">
              Raise a risk
            </h2>
            <RaiseRiskForm
              items={items}
              policyScopes={vocabulary.policyScopes}
              initialSubmissionId={randomUUID()}
            />
          </section>
        ) : null}
        {canAccept ? (
          <section
            aria-labelledby="accept"
            className="rounded-xl border border-slate-200 bg-white p-5"
          >
            <h2 id="accept" className="mb-3 font-semibold">
              Accept a risk
            </h2>
            <AcceptRiskForm
              risks={risks.map((r) => ({ value: r.slug, label: r.name, group: "Risks" }))}
              items={items}
              policyScopes={vocabulary.policyScopes}
              today={today}
              latest={latest}
              initialSubmissionId={randomUUID()}
            />
          </section>
        ) : null}
      </div>
    </>
  );
}
