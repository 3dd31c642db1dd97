/** Time formatting: compact relative times ("3 min ago", "12 s ago") and full timestamps. */

const UNITS: [limitSeconds: number, divisor: number, unit: string][] = [
  [3600, 60, "min"],
  [86_400, 3600, "h"],
  [86_400 * 30, 86_400, "d"],
];

const DATE_FIELDS = { day: "numeric", month: "short", year: "numeric" } as const;

/** "3 min ago", or "in 5 h" for times ahead (an expiry); a date beyond a month either way. */
export function formatRelative(iso: string, nowMs: number, timeZone?: string): string {
  const signed = Math.round((nowMs - Date.parse(iso)) / 1000);
  const seconds = Math.abs(signed);
  // Clocks of browser and server drift a little; a time slightly in the future is still "now".
  if (seconds < 45) return "just now";
  for (const [limit, divisor, unit] of UNITS) {
    if (seconds >= limit) continue;
    const amount = `${Math.max(1, Math.floor(seconds / divisor))} ${unit}`;
    return signed > 0 ? `${amount} ago` : `in ${amount}`;
  }
  return formatDate(iso, timeZone);
}

/**
 * Like formatRelative, but counts seconds during the first minute: for things just fetched on
 * request (a process list), where "just now" would hide whether it was 2 or 40 seconds ago.
 */
export function formatAge(iso: string, nowMs: number, timeZone?: string): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  return formatRelative(iso, nowMs, timeZone);
}

/** A date without time; used once a relative time would be vague. */
export function formatDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { ...DATE_FIELDS, timeZone }).format(new Date(iso));
}

/**
 * Full timestamp for tooltips; `timeZone` pins it when the viewer's zone is not known yet.
 * Without seconds for times people plan around (an expiry), with them for events.
 */
export function formatTimestamp(iso: string, timeZone?: string, { seconds = true }: { seconds?: boolean } = {}): string {
  // Spelled out field by field: dateStyle/timeStyle cannot be combined with timeZoneName.
  const time: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", second: seconds ? "2-digit" : undefined };
  return new Intl.DateTimeFormat("en-GB", { ...DATE_FIELDS, ...time, timeZone, timeZoneName: "short" }).format(new Date(iso));
}
