"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string };

/** Section links, the current one marked; a row in the header, a column in a menu. */
export function NavLinks({
  items,
  layout = "row",
}: {
  items: NavItem[];
  layout?: "row" | "column";
}) {
  const pathname = usePathname();
  return (
    <ul className={layout === "row" ? "flex flex-nowrap gap-1" : "flex flex-col gap-0.5"}>
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm whitespace-nowrap ${active ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-200"}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
