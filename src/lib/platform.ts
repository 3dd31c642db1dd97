/** Human names for the `process.platform` values agents report. */
const PLATFORM_LABELS: Record<string, string> = { win32: "Windows", linux: "Linux", darwin: "macOS" };

export function platformLabel(platform: string | null): string | null {
  return platform === null ? null : (PLATFORM_LABELS[platform] ?? platform);
}
