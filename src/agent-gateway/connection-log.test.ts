import { describe, expect, it } from "vitest";
import { connectedLine, disconnectedLine, formatDuration } from "./connection-log";

const agent = { agentId: "4e535470-759e-4d3a-bd23-2e959c459ad1", remoteAddress: "203.0.113.7", name: "WEB-01", agentVersion: "0.1.0" };

describe("the gateway's connection log", () => {
  it("names the agent, its address and its version when it connects", () => {
    expect(connectedLine(agent)).toBe('[gateway] agent 4e535470-759e-4d3a-bd23-2e959c459ad1 "WEB-01" connected from 203.0.113.7, agent version 0.1.0');
  });

  it("says why and after how long it left", () => {
    expect(disconnectedLine(agent, { code: 1000, reason: "agent stopping" }, 200_000)).toBe(
      '[gateway] agent 4e535470-759e-4d3a-bd23-2e959c459ad1 "WEB-01" from 203.0.113.7 disconnected after 3 min 20 s: agent stopping (code 1000)',
    );
    expect(disconnectedLine(agent, { code: 1006, reason: "" }, 12_500)).toMatch(/after 12\.5 s: connection lost \(code 1006\)$/);
    expect(disconnectedLine(agent, { code: 1006, reason: "", why: "no answer to ping" }, 45_000)).toMatch(/: no answer to ping \(code 1006\)$/);
    expect(disconnectedLine(agent, { code: 4999, reason: "" }, 10)).toMatch(/after 10 ms: closed \(code 4999\)$/);
  });

  it("says so for a connection that ended before hello", () => {
    expect(disconnectedLine({ agentId: "a1", remoteAddress: "127.0.0.1" }, { code: 1005, reason: "" }, 300)).toBe(
      "[gateway] agent a1 (before hello) from 127.0.0.1 disconnected after 300 ms: closed without a code (code 1005)",
    );
  });

  it("quotes the agent's name, so a name cannot forge a line of its own", () => {
    const line = connectedLine({ ...agent, name: 'evil\n[gateway] agent x "y" connected' });
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain('"evil\\n[gateway] agent x \\"y\\" connected"');
  });

  it("formats durations as a person reads them", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(59_940)).toBe("59.9 s");
    expect(formatDuration(7_500_000)).toBe("2 h 5 min");
  });
});
