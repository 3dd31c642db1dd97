import os from "node:os";
import { describe, expect, it } from "vitest";
import { helloMessage, type SystemLoad } from "../../src/protocol";
import type { SystemInfoCapability } from "./capabilities/system-info";
import { buildHello } from "./hello";
import { createLogger } from "./log";

const load: SystemLoad = { cpuPercent: 0, memoryPercent: 0, diskPercent: 0, network: { rxBytesPerSec: 0, txBytesPerSec: 0 } };

function collectingLogger() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger((line) => lines.push(JSON.parse(line))) };
}

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
