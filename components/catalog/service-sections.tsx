import Link from "next/link";
import { ReferenceLink } from "@/components/catalog/item-link";
import { EvidenceStateBadge } from "@/components/evidence/evidence-state";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Section } from "@/components/ui/section";
import type { CatalogModel } from "@/lib/domain/catalog";
import { freshnessDays, isStale, observedAt, outcomeOf } from "@/lib/domain/evidence";
import { SignalTime } from "@/components/evidence/signal-time";
import { eventTypeLabel } from "@/lib/domain/item-types";
import { serviceProfile, type ServiceHealth } from "@/lib/domain/service-profile";
import type { InteractionEvent, Widget } from "@/lib/domain/types";

/**
 * What a service page opens with: each way into it (its endpoints, its health
 * URL) with its latest signal, that signal's outcome, age and date.
 */
export function ServiceHealthSection({ health, now }: { health: ServiceHealth; now: Date }) {
  return (
    <Section id="health" title="Health">
      {health.signals.length === 0 ? (
        <p className="text-slate-600">No endpoint or health URL recorded, so nothing to check.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Latest signal of each endpoint and health URL</caption>
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="pb-1 font-medium">
                Endpoint or health URL
              </th>
              <th scope="col" className="pb-1 font-medium">
                Latest signal
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {health.signals.map((signal) => (
              <tr key={`${signal.kind}-${signal.item.id}`}>
                <td className="py-2 pr-3">
                  {signal.kind === "endpoint" ? (
                    <Link
                      href={`/catalog/${signal.item.slug}`}
                      className="font-medium text-sky-800 hover:underline"
                    >
                      {signal.item.name}
                    </Link>
                  ) : (
                    <span className="font-medium">Health URL</span>
                  )}
                  {signal.url ? (
                    <div className="font-mono text-xs break-all text-slate-600">{signal.url}</div>
                  ) : null}
                </td>
                <td className="py-2">
                  <EvidenceStateBadge state={signal.state} />
                  {signal.latest ? (
                    <div className="mt-0.5">
                      {eventTypeLabel(signal.latest.event.type)}:{" "}
                      <strong>{signal.latest.outcome ?? "recorded"}</strong>,{" "}
                      <SignalTime at={signal.latest.at} now={now} />
                    </div>
                  ) : (
                    <div className="mt-0.5 text-slate-600">no signal yet</div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** What a service page answers: why, whose, how reached, on what it stands, and its data's safety. */
export function ServiceSections({ model, widget }: { model: CatalogModel; widget: Widget }) {
  const { purpose, owner, endpoints, releases, dataStores, openNotes, risks } = serviceProfile(
    model,
    widget,
  );
  return (
    <>
      <Section id="purpose" title="Why it exists">
        <p>{purpose ?? <em className="text-slate-600">No purpose recorded.</em>}</p>
        <p className="mt-2 text-sm">
          Owner:{" "}
          {owner ? (
            <span className="font-mono">{owner}</span>
          ) : (
            <em className="text-slate-600">none recorded</em>
          )}
        </p>
      </Section>
      <Section id="reached" title="How it is reached">
        {endpoints.length === 0 ? (
          <p className="text-slate-600">No endpoint recorded.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {endpoints.map((endpoint) => (
              <li key={endpoint.id} className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/catalog/${endpoint.slug}`}
                  className="font-medium text-sky-800 hover:underline"
                >
                  {endpoint.name}
                </Link>
                <Badge>{String(endpoint.metadata.exposure ?? "exposure unknown")}</Badge>
                <span className="font-mono text-xs break-all">
                  {String(endpoint.metadata.url ?? "")}
                </span>
                <EvidenceStateBadge state={model.rowBySlug.get(endpoint.slug)!.evidence.state} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="data" title="Data stores and their backups">
        {dataStores.length === 0 ? (
          <p className="text-slate-600">No data stores recorded.</p>
        ) : (
          <ul className="space-y-3 text-sm">
            {dataStores.map(({ reference, backups }) => (
              <li key={reference.slug}>
                <ReferenceLink reference={reference} />
                {reference.target && backups.length === 0 ? (
                  <p className="text-amber-900">No backup set protects it.</p>
                ) : null}
                {backups.map(({ backup, backedUp, restoreTested }) => (
                  <div key={backup.id} className="mt-1 ml-4">
                    <Link href={`/catalog/${backup.slug}`} className="text-sky-800 hover:underline">
                      {backup.name}
                    </Link>
                    <EvidenceLine label="backup" event={backedUp} now={model.now} />
                    <EvidenceLine label="restore test" event={restoreTested} now={model.now} />
                  </div>
                ))}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {releases.length > 0 ? (
        <Section id="releases" title="Releases">
          <ul className="space-y-1 text-sm">
            {releases.map((release) => (
              <li key={release.id}>
                <Link href={`/catalog/${release.slug}`} className="text-sky-800 hover:underline">
                  {release.name}
                </Link>{" "}
                <span className="font-mono text-xs">
                  {String(release.metadata.image ?? release.metadata.version ?? "")}
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="open-annotations" title="Open annotations and risks">
        {openNotes.length === 0 && risks.length === 0 ? (
          <p className="text-slate-600">No open annotations or risks.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {openNotes.map((note) => (
              <li key={note.id}>
                <Badge tone="warn">{note.category}</Badge> {note.body}
              </li>
            ))}
            {risks.map((risk) => (
              <li key={risk.id}>
                <Badge tone="bad">risk</Badge>{" "}
                <Link href={`/catalog/${risk.slug}`} className="text-sky-800 hover:underline">
                  {risk.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function EvidenceLine({
  label,
  event,
  now,
}: {
  label: string;
  event: InteractionEvent | undefined;
  now: Date;
}) {
  if (!event) return <p className="text-amber-900">No {label} evidence, ever.</p>;
  const stale = isStale(event, now);
  return (
    <p>
      Last {label}: {outcomeOf(event) ?? "recorded"},{" "}
      <RelativeTime at={observedAt(event)} now={now} />
      {stale ? (
        <span className="text-amber-900">
          {" "}
          (stale: older than {freshnessDays(event.type)} days)
        </span>
      ) : null}
    </p>
  );
}
