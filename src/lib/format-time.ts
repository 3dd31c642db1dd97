/** Time formatting for tables: compact relative times ("3 min ago") and full timestamps. */

const UNITS: [limitSeconds: number, divisor: number, unit: string][] = [
  [3600, 60, "min"],
  [86_400, 3600, "h"],
  [86_400 * 30, 86_400, "d"],
];

const DATE_FIELDS = { day: "numeric", month: "short", year: "numeric" } as const;

export function formatRelative(iso: string, nowMs: number, timeZone?: string): string {
  const seconds = Math.round((nowMs - Date.parse(iso)) / 1000);
  // Clocks of browser and server drift a little; a time slightly in the future is still "now".
  if (seconds < 45) return "just now";
  for (const [limit, divisor, unit] of UNITS) {
    if (seconds < limit) return `${Math.max(1, Math.floor(seconds / divisor))} ${unit} ago`;
  }
  return formatDate(iso, timeZone);
}

/** A date without time; used once a relative time would be vague. */
export function formatDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { ...DATE_FIELDS, timeZone }).format(new Date(iso));
}

/** Full timestamp for tooltips; `timeZone` pins it when the viewer's zone is not known yet. */
export function formatTimestamp(iso: string, timeZone?: string): string {
  // Spelled out field by field: dateStyle/timeStyle cannot be combined with timeZoneName.
  return new Intl.DateTimeFormat("en-GB", { ...DATE_FIELDS, hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(iso));
}
