"use client";
/**
 * The device page's sections, one route each, so every tab has an address of its own. Later
 * capabilities (shell, files, services, events) add an entry here and a folder beside this file.
 */
import Link from "next/link";
import { UnreadCount } from "@/components/unread-count";
import { usePathname } from "next/navigation";

const TABS = [
  { segment: "", label: "Overview" },
  { segment: "processes", label: "Processes" },
  { segment: "services", label: "Services" },
  { segment: "files", label: "Files" },
  { segment: "events", label: "Events" },
  { segment: "terminal", label: "Terminal" },
  { segment: "chat", label: "Chat" },
] as const;

/**
 * `chatUnread`: messages from the device's user the reader has not seen, shown on the Chat tab.
 * `hidden`: segments of tabs above the user's role (the Files tab for viewers), left out rather than answering 403.
 */
export function DeviceTabs({ agentId, chatUnread = 0, hidden = [] }: { agentId: string; chatUnread?: number; hidden?: string[] }) {
  const pathname = usePathname();
  const base = `/devices/${encodeURIComponent(agentId)}`;
  return (
    <nav aria-label="Device sections" className="mb-4 flex gap-1 border-b border-slate-200 text-[13px]">
      {TABS.filter((tab) => !hidden.includes(tab.segment)).map((tab) => {
        const href = tab.segment ? `${base}/${tab.segment}` : base;
        const active = tab.segment ? pathname.startsWith(href) : pathname === base || pathname === `/devices/${agentId}`;
        return (
          <Link
            key={tab.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 font-medium ${active ? "border-sky-500 text-slate-900" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800"}`}
          >
            {tab.label}
            {tab.segment === "chat" && chatUnread > 0 ? <UnreadCount count={chatUnread} /> : null}
          </Link>
        );
      })}
    </nav>
  );
}
