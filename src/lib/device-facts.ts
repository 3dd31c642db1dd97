/**
 * Figures the device list and the device page derive from an agent's record: its fullest volume,
 * how long it has been up, and the name it is shown by.
 */
import type { AgentRecord } from "@/server/contracts/agents";
import { usedPercent } from "./format-bytes";

/** The most used volume's share in percent (what runs out first, counted as df does); null without disk figures. */
export function diskUsePercent(specs: AgentRecord["specs"]): number | null {
  const percents = (specs?.disks ?? []).filter((disk) => disk.totalBytes > 0).map(usedPercent);
  return percents.length > 0 ? Math.max(...percents) : null;
}

/** Seconds since boot; null when the boot time is unknown or the device is offline (it may have rebooted). */
export function uptimeSeconds(agent: Pick<AgentRecord, "bootTime" | "online">, nowMs: number): number | null {
  if (!agent.bootTime || !agent.online) return null;
  return Math.max(0, Math.floor((nowMs - Date.parse(agent.bootTime)) / 1000));
}

/** "12 d 4 h", "3 h 20 min", "45 min": two units are enough to compare machines at a glance. */
export function formatUptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min`;
}

/** The name technicians gave the device, else its host name. */
export function shownName(agent: Pick<AgentRecord, "name" | "displayName">): string {
  return agent.displayName ?? agent.name;
}
