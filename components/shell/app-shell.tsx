import Link from "next/link";
import { CommandPalette } from "@/components/search/command-palette";
import { signOutAction } from "@/lib/actions/sign-in";
import { hasRole, type Role } from "@/lib/domain/roles";
import { NavLinks, type NavItem } from "./nav-links";

const SECTIONS: (NavItem & { role?: Role })[] = [
  { href: "/", label: "Environments" },
  { href: "/catalog", label: "Catalog" },
  { href: "/activity", label: "Activity" },
  { href: "/topology", label: "Topology" },
  { href: "/gaps", label: "Gaps" },
  { href: "/migrations", label: "Migrations" },
  { href: "/risks", label: "Risks" },
  { href: "/admin", label: "Admin", role: "admin" },
];

export function AppShell({
  user,
  hubLabel,
  hubSwitcher,
  children,
}: {
  user: { name: string; role: Role };
  hubLabel: string;
  /** Shown when ops-hub can show more than one hub. */
  hubSwitcher?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            ops-hub
          </Link>
          <nav aria-label="Sections" className="flex-1">
            <NavLinks items={SECTIONS.filter((s) => !s.role || hasRole(user.role, s.role))} />
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-500" title="Inter-Hub back end">
              {hubLabel}
            </span>
            {hubSwitcher}
            <CommandPalette />
            <span>
              <span className="font-medium">{user.name}</span>{" "}
              <span className="text-slate-500">({user.role})</span>
            </span>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
