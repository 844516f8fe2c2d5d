import Link from "next/link";
import type { OpenLevel } from "./topology-tree";

const LEVELS: { level: OpenLevel; label: string; href: string }[] = [
  { level: "none", label: "Collapse all", href: "/topology?open=none" },
  { level: "first", label: "Environments open", href: "/topology" },
  { level: "all", label: "Expand all", href: "/topology?open=all" },
];

/** Plain links, so the view's state is in the URL and works without JavaScript. */
export function TopologyControls({ open }: { open: OpenLevel }) {
  return (
    <nav aria-label="Expand or collapse the topology">
      <ul className="flex flex-wrap gap-2 text-sm">
        {LEVELS.map(({ level, label, href }) => (
          <li key={level}>
            <Link
              href={href}
              aria-current={level === open ? "true" : undefined}
              className={`block rounded-md border px-3 py-1.5 whitespace-nowrap ${level === open ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
