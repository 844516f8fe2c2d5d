import Link from "next/link";
import { CommandPalette } from "@/components/search/command-palette";
import { signOutAction } from "@/lib/actions/sign-in";
import { hasRole, type Role } from "@/lib/domain/roles";
import { MenuDisclosure } from "./menu-disclosure";
import { NavLinks, type NavItem } from "./nav-links";

const SECTIONS: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/catalog", label: "Catalog" },
  { href: "/activity", label: "Activity" },
  { href: "/topology", label: "Topology" },
  { href: "/gaps", label: "Gaps" },
  { href: "/migrations", label: "Migrations" },
  { href: "/risks", label: "Risks" },
];

/**
 * The frame of every signed-in page. From `lg` (1024 px) up the sections
 * sit in one row, and who is signed in, which hub is shown and Admin sit in
 * an account menu; below it, on phones, one Menu button holds them all, so
 * the header stays one short line.
 */
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
  const account = <AccountPanel user={user} hubLabel={hubLabel} hubSwitcher={hubSwitcher} />;
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-2">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
            <Logo />
            ops-hub
          </Link>
          <nav aria-label="Sections" className="hidden min-w-0 flex-1 lg:block">
            <NavLinks items={SECTIONS} />
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-2 text-sm">
            <CommandPalette />
            <div className="hidden lg:block">
              <MenuDisclosure
                button={
                  <>
                    <span className="font-medium">{user.name}</span>
                    <span aria-hidden="true">▾</span>
                  </>
                }
                buttonLabel={`Account: ${user.name} (${user.role})`}
                panelLabel="Account"
              >
                {account}
              </MenuDisclosure>
            </div>
            <div className="lg:hidden">
              <MenuDisclosure
                button={
                  <>
                    <MenuIcon />
                    Menu
                  </>
                }
                panelLabel="Menu"
              >
                <nav aria-label="Sections" className="mb-3 border-b border-slate-100 pb-3">
                  <NavLinks items={SECTIONS} layout="column" />
                </nav>
                {account}
              </MenuDisclosure>
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}

/** Who is signed in, the hub shown (and the choice of another), Admin for admins, sign-out. */
function AccountPanel({
  user,
  hubLabel,
  hubSwitcher,
}: {
  user: { name: string; role: Role };
  hubLabel: string;
  hubSwitcher?: React.ReactNode;
}) {
  return (
    <div className="space-y-3 text-sm">
      <p>
        Signed in as <span className="font-medium">{user.name}</span>{" "}
        <span className="text-slate-600">({user.role})</span>
      </p>
      <p className="text-slate-600">
        Inter-Hub back end: <span className="text-slate-900">{hubLabel}</span>
      </p>
      {hubSwitcher}
      {hasRole(user.role, "admin") ? (
        <nav aria-label="Administration">
          <NavLinks items={[{ href: "/admin", label: "Admin" }]} layout="column" />
        </nav>
      ) : null}
      <form action={signOutAction}>
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}

function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="h-6 w-6">
      <rect width="32" height="32" rx="7" fill="#0f172a" />
      <path
        d="M9 16.5l4.5 4.5L23 11.5"
        fill="none"
        stroke="#34d399"
        strokeWidth="3.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
      <rect x="2" y="4" width="16" height="2" rx="1" />
      <rect x="2" y="9" width="16" height="2" rx="1" />
      <rect x="2" y="14" width="16" height="2" rx="1" />
    </svg>
  );
}
