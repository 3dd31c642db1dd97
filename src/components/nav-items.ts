/** The dashboard's main navigation; each entry names the procedure whose role decides who sees it. */
import type { NavItem } from "./nav-links";

/** Each page is shown to whoever may call the procedure that loads it. */
export const NAV: (NavItem & { procedure: string })[] = [
  { href: "/devices", label: "Devices", procedure: "agents.list" },
  { href: "/alerts", label: "Alerts", procedure: "alerts.list" },
  { href: "/alerts/profiles", label: "Monitoring", procedure: "monitoring.profiles" },
  { href: "/automation/scripts", label: "Scripts", procedure: "scripts.list" },
  { href: "/automation/tasks", label: "Scheduled tasks", procedure: "tasks.list" },
  { href: "/settings/clients", label: "Clients", procedure: "clients.list" },
  { href: "/settings/groups", label: "Groups", procedure: "groups.list" },
  { href: "/settings/enrollment", label: "Enrollment", procedure: "enrollment.list" },
  { href: "/settings/api-keys", label: "API keys", procedure: "apiKeys.list" },
  { href: "/settings/notifications", label: "Notifications", procedure: "integrations.list" },
  { href: "/settings/users", label: "Users", procedure: "users.list" },
  { href: "/settings/audit", label: "Audit log", procedure: "audit.list" },
];
