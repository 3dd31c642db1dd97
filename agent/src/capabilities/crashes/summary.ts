/** The `request-bsod` summary from the crashes a platform found. */
import type { CrashSummary } from "../../../../src/protocol";

/** The summary of crashes found, newest first. */
export function toSummary(crashes: CrashSummary["crashes"], collectedAt: Date, dumps?: CrashSummary["dumps"]): CrashSummary {
  const sorted = [...crashes].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 1_000);
  return { crashes: sorted, lastCrashAt: sorted[0]?.at ?? null, ...(dumps ? { dumps } : {}), collectedAt: collectedAt.toISOString() };
}
