/** The dashboard header: navigation (admin pages only for admins), active alerts, the user (a link to their account), role and sign-out. */
import Link from "next/link";
import { mayCall } from "@/server/auth/permissions";
import type { Actor } from "@/server/auth/roles";
import { AlertCount } from "./alert-count";
import { BrandMark } from "./brand-mark";
import { NavLinks } from "./nav-links";
import { NAV } from "./nav-items";

export function AppHeader({ actor, activeAlerts }: { actor: Pick<Actor, "username" | "role" | "clientIds">; activeAlerts: { open: number; critical: number } | null }) {
  const { username, role } = actor;
  const items = NAV.filter((item) => mayCall(actor, item.procedure)).map(({ href, label }) => ({ href, label }));
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-12 max-w-screen-2xl items-stretch gap-6 px-4">
        <Link href="/devices" className="flex items-center gap-2 text-sm font-semibold tracking-tight text-slate-900">
          <BrandMark />
          RMM
        </Link>
        <NavLinks items={items} />
        <div className="ml-auto flex items-center gap-3 text-[13px]">
          {activeAlerts ? <AlertCount {...activeAlerts} /> : null}
          {/* The way to one's own account (password, TOTP): every role has one. */}
          <Link href="/settings/account" title="Your account: password and TOTP" className="group flex items-center gap-2">
            <span aria-hidden className="grid size-6 place-items-center rounded-full bg-slate-200 text-[11px] font-semibold text-slate-600 uppercase group-hover:bg-slate-300">
              {username.slice(0, 1)}
            </span>
            <span data-testid="current-user" className="font-medium text-slate-800 group-hover:underline">
              {username}
            </span>
          </Link>
          <span data-testid="current-role" className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium tracking-wide text-slate-600 uppercase">
            {role}
          </span>
          <span aria-hidden className="h-4 w-px bg-slate-200" />
          {/* A form POST (no script needed): /auth/logout ends the session and sends browsers to /sign-in. */}
          <form method="post" action="/auth/logout">
            <button type="submit" className="text-slate-500 hover:text-slate-900">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
