import Link from "next/link";
import type { TopologyFocus } from "@/lib/domain/topology";
import { EvidenceMarker } from "./evidence-marker";
import { focusHref } from "./topology-tree";

/** The focused item and every direct neighbour, by relation, each a step to walk on. */
export function FocusPanel({ focus, showAllHref }: { focus: TopologyFocus; showAllHref: string }) {
  const { widget } = focus;
  return (
    <section
      aria-labelledby="topology-focus"
      className="mb-4 rounded-xl border border-sky-300 bg-white p-4"
    >
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="topology-focus" className="font-semibold">
          Focused on{" "}
          <Link href={`/catalog/${widget.slug}`} className="hover:underline">
            {widget.name}
          </Link>
        </h2>
        <span className="font-mono text-xs text-slate-600">{widget.type}</span>
        <EvidenceMarker state={focus.evidence} />
        <Link
          href={showAllHref}
          className="ml-auto rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100"
        >
          Show all
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {focus.inTree
          ? "Below: its path up to the environment and its direct neighbours."
          : `The topology does not draw a ${widget.type}; below are the items it relates to.`}
      </p>
      {focus.neighbours.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No item relates to it, either way.</p>
      ) : (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          {focus.neighbours.map(({ label, items }) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd>
                <ul className="flex flex-wrap gap-x-4 gap-y-1">
                  {items.map((item) => (
                    <li key={item.slug} className="flex items-baseline gap-1.5">
                      {item.widget ? (
                        <>
                          {/* Plain links: an environment has hundreds of neighbours. */}
                          <a
                            href={`/catalog/${encodeURIComponent(item.slug)}`}
                            className="hover:underline"
                          >
                            {item.widget.name}
                          </a>
                          {item.evidence ? <EvidenceMarker state={item.evidence} /> : null}
                          <a
                            href={focusHref(item.slug)}
                            aria-label={`Focus on ${item.widget.name}`}
                            className="text-xs text-sky-700 hover:underline"
                          >
                            focus
                          </a>
                        </>
                      ) : (
                        <span className="text-amber-900">
                          ⚠ <span className="font-mono">{item.slug}</span> (no such item)
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
