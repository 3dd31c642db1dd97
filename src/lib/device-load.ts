/**
 * A device's current load: the newer of its periodic metrics report and its last process
 * snapshot (both carry CPU, memory, disk and network figures).
 */
import type { SystemLoad } from "@/protocol/metrics";

export type LoadReading = SystemLoad & { at: string };

type Timed = SystemLoad & { at?: string; collectedAt?: string };

function reading(source: Timed | null | undefined): LoadReading | null {
  const at = source?.at ?? source?.collectedAt;
  if (!source || !at || Number.isNaN(Date.parse(at))) return null;
  const { cpuPercent, memoryPercent, diskPercent, network } = source;
  return { cpuPercent, memoryPercent, diskPercent, network, at };
}

export function latestLoad(...sources: (Timed | null | undefined)[]): LoadReading | null {
  let newest: LoadReading | null = null;
  for (const candidate of sources.map(reading)) {
    if (candidate && (!newest || Date.parse(candidate.at) > Date.parse(newest.at))) newest = candidate;
  }
  return newest;
}
