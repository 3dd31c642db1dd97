/** The dashboard header: navigation (admin pages only for admins), the user, role and sign-out. */
import Link from "next/link";
import { hasRole, type Role } from "@/server/auth/roles";

const NAV: { href: string; label: string; minimum: Role }[] = [
  { href: "/devices", label: "Devices", minimum: "viewer" },
  { href: "/settings/groups", label: "Groups", minimum: "viewer" },
  { href: "/settings/users", label: "Users", minimum: "admin" },
  { href: "/settings/audit", label: "Audit log", minimum: "admin" },
];

export function AppHeader({ username, role }: { username: string; role: Role }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-12 max-w-screen-2xl items-center gap-6 px-4">
        <Link href="/devices" className="text-sm font-bold tracking-tight text-sky-700">
          RMM
        </Link>
        <nav className="flex gap-4 text-sm" aria-label="Main">
          {NAV.filter((item) => hasRole(role, item.minimum)).map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-600 hover:text-slate-900">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span data-testid="current-user" className="font-medium">
            {username}
          </span>
          <span data-testid="current-role" className="rounded bg-slate-100 px-2 py-0.5 text-xs uppercase tracking-wide text-slate-600">
            {role}
          </span>
          {/* A plain link: GET /auth/logout invalidates the session and redirects browsers to /sign-in. */}
          <a href="/auth/logout" className="text-slate-600 hover:text-slate-900">
            Sign out
          </a>
        </div>
      </div>
    </header>
  );
}
