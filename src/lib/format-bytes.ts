/** Sizes, transfer rates and percentages as people read them: "1.5 GB", "320 KB/s", "42 %". */
import { diskUsage, type DiskInfo } from "@/protocol/handshake";

const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

/** Binary multiples (1 KB = 1024 B), as Task Manager and `top` show memory. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return "0 B";
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), UNITS.length - 1);
  const value = bytes / 1024 ** exponent;
  // Whole bytes need no decimals; small values in a large unit keep one so "1.5 GB" is not "2 GB".
  const decimals = exponent === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(decimals)} ${UNITS[exponent]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** One decimal below 10 % (where the difference matters), whole numbers above. */
export function formatPercent(percent: number): string {
  const clamped = Math.min(100, Math.max(0, percent));
  return `${clamped < 10 && clamped > 0 ? clamped.toFixed(1) : Math.round(clamped)} %`;
}

/** The used share of a disk as df shows it (the root reserve left out), 0..100; 0 for a disk that reports no size. */
export function usedPercent(disk: Pick<DiskInfo, "totalBytes" | "freeBytes" | "usedBytes">): number {
  const { usedBytes, usableBytes } = diskUsage(disk);
  if (usableBytes <= 0) return 0;
  return Math.min(100, Math.max(0, (usedBytes / usableBytes) * 100));
}
