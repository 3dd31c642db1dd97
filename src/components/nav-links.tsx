"use client";
/** The main navigation with the current section highlighted (the pathname is only known here). */
import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string };

function covers(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The entry whose address covers the page most closely (`/alerts/profiles` is Monitoring, not Alerts). */
function activeHref(pathname: string, items: NavItem[]): string | undefined {
  return items.filter((item) => covers(pathname, item.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const current = activeHref(usePathname(), items);
  return (
    <nav className="flex h-full items-stretch gap-1 text-[13px]" aria-label="Main">
      {items.map((item) => {
        const active = item.href === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px flex items-center border-b-2 px-2.5 font-medium transition-colors ${
              active ? "border-sky-500 text-slate-900" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
