import Link from "next/link";
import { GateStatusBadge } from "@/components/gates/gate-status";
import { GoBadge } from "@/components/gates/go-badge";
import { countTone } from "@/components/ui/count-tone";
import type { Attention } from "@/lib/domain/attention";
import { utcMinute } from "@/lib/domain/time";

/** How many of a few item names a tile lists before "and N more". */
const NAMES_SHOWN = 3;

/** Home's first screen: each wave's verdict and what holds it, then what else needs someone. */
export function AttentionPanel({ attention }: { attention: Attention }) {
  const { waves, failing, stale, overdue, expiring } = attention;
  return (
    <section aria-labelledby="attention" className="mb-8">
      <h2 id="attention" className="mb-3 text-lg font-semibold">
        Needs attention
      </h2>
      {waves.length > 0 ? (
        <ul className="mb-4 space-y-3" aria-label="Migration waves">
          {waves.map((wave) => (
            <li key={wave.slug} className="rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-3">
                <Link href={`/migrations/${wave.slug}`} className="font-semibold hover:underline">
                  {wave.name}
                </Link>
                <GoBadge go={wave.go} />
                <span className="text-sm text-slate-600">
                  {wave.go
                    ? `all ${wave.gateCount} gates passed or risk-accepted`
                    : `${wave.holding.length} of ${wave.gateCount} gates hold it`}
                </span>
              </div>
              {wave.holding.length > 0 ? (
                <ul
                  className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm"
                  aria-label={`What holds ${wave.name}`}
                >
                  {wave.holding.map((gate) => (
                    <li key={gate.slug} className="flex items-center gap-1.5">
                      <GateStatusBadge status={gate.status} />
                      <Link
                        href={`/migrations/${wave.slug}#gate-${gate.slug}`}
                        className="text-sky-800 hover:underline"
                      >
                        {gate.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <CountTile
          label="Failing items"
          tone="bad"
          all={{ href: "/catalog?evidence=failing", count: failing.length }}
          names={failing.map((row) => ({
            key: row.widget.slug,
            name: row.widget.name,
            href: `/catalog/${row.widget.slug}`,
          }))}
        />
        <CountTile
          label="Stale items"
          tone="warn"
          all={{ href: "/catalog?evidence=stale", count: stale.length }}
          names={stale.map((row) => ({
            key: row.widget.slug,
            name: row.widget.name,
            href: `/catalog/${row.widget.slug}`,
          }))}
        />
        <CountTile
          label="Overdue signals"
          tone="warn"
          all={{ href: "/gaps", count: overdue.length }}
          names={overdue.map((gap, index) => ({
            key: `${gap.widget.slug}-${index}`,
            name: gap.widget.name,
            href: `/catalog/${gap.widget.slug}`,
          }))}
        />
        <CountTile
          label="Risk acceptances expiring within 14 days"
          tone="warn"
          all={{ href: "/risks", count: expiring.length }}
          names={expiring.map((a) => ({
            key: a.event.id,
            name: `${a.risk?.name ?? "A risk"}: ${a.daysLeft <= 0 ? "expires today" : `${a.daysLeft} ${a.daysLeft === 1 ? "day" : "days"} left`} (${utcMinute(a.expiresAt)})`,
            href: "/risks",
          }))}
        />
      </dl>
    </section>
  );
}

function CountTile({
  label,
  tone,
  all,
  names,
}: {
  label: string;
  tone: "bad" | "warn";
  all: { href: string; count: number };
  names: { key: string; name: string; href: string }[];
}) {
  return (
    <div className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 break-words">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd>
        <Link
          href={all.href}
          className={`text-3xl tabular-nums hover:underline ${countTone(all.count, tone)}`}
          aria-label={`${all.count} ${label.toLowerCase()}`}
        >
          {all.count}
        </Link>
        {names.length > 0 ? (
          <ul className="mt-1 space-y-0.5 text-sm">
            {names.slice(0, NAMES_SHOWN).map((item) => (
              <li key={item.key} className="truncate">
                <Link href={item.href} className="text-sky-800 hover:underline">
                  {item.name}
                </Link>
              </li>
            ))}
            {names.length > NAMES_SHOWN ? (
              <li>
                <Link href={all.href} className="text-slate-600 underline">
                  and {names.length - NAMES_SHOWN} more
                </Link>
              </li>
            ) : null}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-500">none</p>
        )}
      </dd>
    </div>
  );
}
