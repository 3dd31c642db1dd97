/**
 * The first path segments of specification 000. next.config.ts rewrites requests under them to
 * the spec-000 dispatcher (Next serves a page and a route handler at one path only once, and
 * dashboard pages live under other names). A test checks that every spec-000 route is covered.
 */
export const SPEC000_PREFIXES = [
  "agent",
  "alert-profiles",
  "auth",
  "bsod",
  "chat",
  "clients",
  "files",
  "firewall",
  "groups",
  "monitoring",
  "openapi.json",
  "patches",
  "processes",
  "remediation",
  "screen",
  "scripts",
  "shell",
  "software",
  "system-health",
  "updates",
  "users",
  "vulnerabilities",
] as const;
