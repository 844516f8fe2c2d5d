import type { HealthCounts, KindCounts, Topology, TopologyNode } from "@/lib/domain/topology";
import { EvidenceMarker } from "./evidence-marker";
import styles from "./topology.module.css";

/*
 * The nested topology, rendered on the server only: native <details> open and
 * close with the keyboard and without JavaScript, and the rows use plain <a>
 * (no next/link), so 500+ nodes cost their HTML and nothing to hydrate.
 */

/** How much starts expanded: nothing, the environments (the default), or everything. */
export type OpenLevel = "none" | "first" | "all";

const NOUNS: Record<keyof KindCounts, [string, string]> = {
  host: ["host", "hosts"],
  cluster: ["cluster", "clusters"],
  service: ["service", "services"],
  endpoint: ["endpoint", "endpoints"],
};

function countsLabel(counts: KindCounts): string {
  return (Object.keys(NOUNS) as (keyof KindCounts)[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${NOUNS[kind][counts[kind] === 1 ? 0 : 1]}`)
    .join(" · ");
}

const catalogHref = (slug: string) => `/catalog/${encodeURIComponent(slug)}`;
export const focusHref = (slug: string) => `/topology?focus=${encodeURIComponent(slug)}`;

/** Trouble below a node, so closing a level never hides a failure. */
function HealthTally({ health }: { health: HealthCounts }) {
  return (
    <>
      {health.failing > 0 ? (
        <span className={styles.failingBelow}>{health.failing} failing below</span>
      ) : null}
      {health.stale > 0 ? (
        <span className={styles.staleBelow}>{health.stale} stale below</span>
      ) : null}
    </>
  );
}

/** One row: kind, name (a link to the item), evidence, what is below, notes, focus link. */
function RowContent({
  node,
  focused,
  headingId,
}: {
  node: TopologyNode;
  focused: boolean;
  /** Set for an environment: its name is the section's heading. */
  headingId?: string;
}) {
  const counts = countsLabel(node.counts);
  const name = (
    <a
      href={catalogHref(node.widget.slug)}
      className={styles.name}
      {...(focused ? { "aria-current": "true" as const } : {})}
    >
      {node.widget.name}
    </a>
  );
  return (
    <>
      {headingId ? (
        <h2 id={headingId} className={styles.heading}>
          {name}
        </h2>
      ) : (
        <>
          <span className={styles.kind}>{node.kind}</span>
          {name}
        </>
      )}
      <EvidenceMarker state={node.evidence} />
      {focused ? <strong className="text-xs text-sky-800">focused</strong> : null}
      {counts ? <span className={styles.meta}>{counts}</span> : null}
      <HealthTally health={node.health} />
      {node.hosts.length > 0 ? (
        <span className={styles.meta}>
          on{" "}
          {node.hosts.map((host, index) => (
            <span key={host.id}>
              {index > 0 ? ", " : null}
              <a href={catalogHref(host.slug)} className={styles.link}>
                {host.name}
              </a>
            </span>
          ))}
        </span>
      ) : null}
      {node.notes.map((note) => (
        <span key={note} className={styles.note}>
          ⚠ {note}
        </span>
      ))}
      {focused ? null : (
        <a
          href={focusHref(node.widget.slug)}
          aria-label={`Focus on ${node.widget.name}`}
          className={styles.focusLink}
        >
          focus
        </a>
      )}
    </>
  );
}

/**
 * A row with its children below. The row stays outside <summary> so its links
 * are not nested inside the toggle (an interactive control may not hold
 * another); the toggle, a chevron, is laid over the row's start and comes
 * after the row's links in tab order.
 */
function Disclosure({
  row,
  label,
  open,
  children,
}: {
  row: React.ReactNode;
  /** The toggle's accessible name: what opening it shows. */
  label: string;
  open: boolean;
  children: React.ReactNode;
}) {
  return (
    <>
      {row}
      <details open={open}>
        <summary className={styles.toggle}>
          <span aria-hidden="true" className={styles.chevron}>
            ▸
          </span>
          <span className="sr-only">{label}</span>
        </summary>
        {children}
      </details>
    </>
  );
}

const toggleLabel = (name: string, counts: KindCounts) =>
  `${name}: ${countsLabel(counts) || "nothing below"}`;

type BranchProps = { nodes: TopologyNode[]; open: boolean; focus?: string };

function Branches({ nodes, open, focus }: BranchProps) {
  return (
    <ul className={styles.children}>
      {nodes.map((node) => {
        const row = (
          <div className={`${styles.row} ${node.widget.slug === focus ? styles.focused : ""}`}>
            <RowContent node={node} focused={node.widget.slug === focus} />
          </div>
        );
        return node.children.length === 0 ? (
          <li key={node.widget.id}>{row}</li>
        ) : (
          <li key={node.widget.id} className={styles.branch}>
            <Disclosure row={row} label={toggleLabel(node.widget.name, node.counts)} open={open}>
              <Branches nodes={node.children} open={open} focus={focus} />
            </Disclosure>
          </li>
        );
      })}
    </ul>
  );
}

function Root({
  id,
  row,
  focused = false,
  label,
  open,
  children,
}: {
  id: string;
  row: React.ReactNode;
  focused?: boolean;
  label: string;
  open: boolean;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-3">
      <div className={styles.branch}>
        <Disclosure
          row={<div className={`${styles.row} ${focused ? styles.focused : ""}`}>{row}</div>}
          label={label}
          open={open}
        >
          <div className="mt-1">{children}</div>
        </Disclosure>
      </div>
    </section>
  );
}

export function TopologyTree({
  topology,
  open,
  focus,
}: {
  topology: Topology;
  open: OpenLevel;
  focus?: string;
}) {
  const deep = open === "all";
  return (
    <div className="space-y-3">
      {topology.environments.map((environment) => {
        const id = `topology-${environment.widget.slug}`;
        return (
          <Root
            key={environment.widget.id}
            id={id}
            focused={environment.widget.slug === focus}
            open={open !== "none"}
            label={toggleLabel(environment.widget.name, environment.counts)}
            row={
              <RowContent
                node={environment}
                focused={environment.widget.slug === focus}
                headingId={id}
              />
            }
          >
            {environment.children.length > 0 ? (
              <Branches nodes={environment.children} open={deep} focus={focus} />
            ) : (
              <p className="pl-6 text-sm text-slate-500">Nothing placed in this environment yet.</p>
            )}
          </Root>
        );
      })}
      {topology.unplaced.children.length > 0 ? (
        <Root
          id="topology-unplaced"
          open={open !== "none"}
          label={toggleLabel("Unplaced", topology.unplaced.counts)}
          row={
            <>
              <h2 id="topology-unplaced" className={`${styles.heading} font-medium`}>
                Unplaced
              </h2>
              <span className={styles.meta}>
                no environment · {countsLabel(topology.unplaced.counts)}
              </span>
              <HealthTally health={topology.unplaced.health} />
            </>
          }
        >
          <Branches nodes={topology.unplaced.children} open={deep} focus={focus} />
        </Root>
      ) : null}
    </div>
  );
}
