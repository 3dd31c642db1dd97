import os from "node:os";
import { describe, expect, it } from "vitest";
import { helloMessage, type SystemLoad } from "../../src/protocol";
import type { SystemInfoCapability } from "./capabilities/system-info";
import { bootTime, buildHello, localAddresses } from "./hello";
import { createLogger } from "./log";

const load: SystemLoad = { cpuPercent: 0, memoryPercent: 0, diskPercent: 0, network: { rxBytesPerSec: 0, txBytesPerSec: 0 } };

function collectingLogger() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger((line) => lines.push(JSON.parse(line))) };
}

describe("bootTime", () => {
  it("is now minus the uptime, to the second, so every reconnect reports the same boot", () => {
    const now = Date.parse("2025-03-10T12:00:00.400Z");
    expect(bootTime(now, 3_600.2)).toBe("2025-03-10T11:00:00.000Z");
    expect(bootTime(now + 5_000, 3_605.2)).toBe("2025-03-10T11:00:00.000Z");
  });
});

describe("buildHello", () => {
  it("combines Node's view of the machine with the capability's", async () => {
    const systemInfo: SystemInfoCapability = {
      describeHost: async () => ({ os: "Test OS 1.0", loggedInUser: "alice", disks: [{ mount: "/", totalBytes: 100, freeBytes: 40 }] }),
      sampleLoad: async () => load,
    };
    const hello = await buildHello("agent-1", ["list-processes"], systemInfo, collectingLogger().log);
    expect(helloMessage.parse(hello)).toEqual(hello);
    expect(hello).toMatchObject({ agentId: "agent-1", name: os.hostname(), os: "Test OS 1.0", loggedInUser: "alice", platform: process.platform });
    expect(hello.specs.memoryBytes).toBe(os.totalmem());
  });

  it("still says hello, and logs why, when the OS query fails", async () => {
    const systemInfo: SystemInfoCapability = {
      describeHost: async () => {
        throw new Error("powershell.exe not found");
      },
      sampleLoad: async () => load,
    };
    const { lines, log } = collectingLogger();
    const hello = await buildHello("agent-1", [], systemInfo, log);
    expect(helloMessage.safeParse(hello).success).toBe(true);
    expect(hello).toMatchObject({ loggedInUser: null, specs: { disks: [] } });
    expect(lines).toMatchObject([{ level: "warn", event: "host-description-failed", error: "powershell.exe not found" }]);
  });
});

describe("localAddresses", () => {
  const entry = (address: string, family: "IPv4" | "IPv6", internal = false) => ({ address, family, internal, netmask: "", mac: "", cidr: null }) as os.NetworkInterfaceInfo;

  it("lists external addresses, IPv4 first, without loopback or link-local IPv6", () => {
    const interfaces = {
      lo: [entry("127.0.0.1", "IPv4", true), entry("::1", "IPv6", true)],
      eth0: [entry("fe80::1", "IPv6"), entry("2001:db8::5", "IPv6"), entry("192.168.1.50", "IPv4")],
      wlan0: [entry("10.0.0.7", "IPv4")],
    };
    expect(localAddresses(interfaces)).toEqual(["192.168.1.50", "10.0.0.7", "2001:db8::5"]);
  });
});
