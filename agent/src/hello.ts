/**
 * Builds the `hello` message: CPU and memory from Node's `os` module (the
 * same on every OS), the rest from the system-info capability. If the OS
 * query fails (PowerShell blocked, for example) the agent still says hello
 * with what Node knows, so it stays reachable.
 */
import os from "node:os";
import { OS_DESCRIPTION_MAX_CHARS, PROTOCOL_VERSION, type HelloMessage } from "../../src/protocol";
import type { HostDescription, SystemInfoCapability } from "./capabilities/system-info";
import type { Logger } from "./log";
import { errorMessage } from "./util";
import { AGENT_VERSION } from "./version";

async function describeHostOrFallback(systemInfo: SystemInfoCapability, log: Logger): Promise<HostDescription> {
  try {
    return await systemInfo.describeHost();
  } catch (error) {
    log.warn("host-description-failed", { error: errorMessage(error) });
    return { os: `${os.type()} ${os.release()}`, loggedInUser: null, disks: [] };
  }
}

/** Non-internal interface addresses (IPv4 first), for the device list's "local IP". */
export function localAddresses(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string[] {
  const all = Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !(entry.family === "IPv6" && entry.address.toLowerCase().startsWith("fe80:")));
  const ordered = [...all.filter((entry) => entry.family === "IPv4"), ...all.filter((entry) => entry.family !== "IPv4")];
  return [...new Set(ordered.map((entry) => entry.address))].slice(0, 64);
}

/** When the host booted, from its uptime; whole seconds, so reconnects report the same instant. */
export function bootTime(now: number = Date.now(), uptimeSeconds: number = os.uptime()): string {
  return new Date(Math.round((now - uptimeSeconds * 1000) / 1000) * 1000).toISOString();
}

export async function buildHello(
  agentId: string,
  features: string[],
  systemInfo: SystemInfoCapability,
  log: Logger,
): Promise<HelloMessage> {
  const host = await describeHostOrFallback(systemInfo, log);
  const cpus = os.cpus();
  return {
    type: "hello",
    agentId,
    name: os.hostname(),
    os: host.os.slice(0, OS_DESCRIPTION_MAX_CHARS),
    platform: process.platform,
    loggedInUser: host.loggedInUser,
    specs: {
      cpu: { model: cpus[0]?.model.trim() || "unknown", cores: os.availableParallelism() },
      memoryBytes: os.totalmem(),
      disks: host.disks,
    },
    features,
    agentVersion: AGENT_VERSION,
    localAddresses: localAddresses(),
    bootTime: bootTime(),
    protocolVersion: PROTOCOL_VERSION,
  };
}
