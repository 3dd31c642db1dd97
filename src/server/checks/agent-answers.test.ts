import { describe, expect, it } from "vitest";
import type { EventLogCounts, ServiceInfo } from "../../protocol";
import { eventLogOutcome, serviceOutcome } from "./agent-answers";

const counts = (log: string, error: number, warning = 0): EventLogCounts => ({ log, critical: 0, error, warning, information: 0 });
const eventlog = (overrides: { log?: string; maxCount?: number; level?: "error" | "warning" } = {}) => ({ checkType: "eventlog" as const, level: "error" as const, hours: 1, maxCount: 0, ...overrides });

describe("eventLogOutcome", () => {
  it("counts the entries of every log at the level, against the allowed number", () => {
    const logs = [counts("System", 2), counts("Application", 1, 5)];
    expect(eventLogOutcome(eventlog({ maxCount: 3 }), logs)).toEqual({ status: "passing", moreInfo: "3 error entries in all logs in the last 1 h (at most 3 allowed)" });
    expect(eventLogOutcome(eventlog({ maxCount: 2 }), logs).status).toBe("failing");
    expect(eventLogOutcome(eventlog({ level: "warning", maxCount: 4 }), logs).status).toBe("failing");
  });

  it("counts only the named log, whatever its case", () => {
    expect(eventLogOutcome(eventlog({ log: "application" }), [counts("System", 2), counts("Application", 0)])).toEqual({
      status: "passing",
      moreInfo: "0 error entries in application in the last 1 h (at most 0 allowed)",
    });
  });

  it("fails, naming the logs the agent has, when the named log is not among them", () => {
    // A Linux machine without a journal reports its kernel ring buffer as "kernel".
    expect(eventLogOutcome(eventlog({ log: "journal" }), [counts("kernel", 0)])).toEqual({ status: "failing", moreInfo: "the agent reports no log named journal (its logs: kernel)" });
    expect(eventLogOutcome(eventlog({ log: "System" }), [])).toEqual({ status: "failing", moreInfo: "the agent reports no log named System (its logs: none)" });
  });
});

describe("serviceOutcome", () => {
  const services: ServiceInfo[] = [
    { name: "ssh.service", displayName: "OpenBSD Secure Shell server", status: "running", startType: "enabled" },
    { name: "dbus", displayName: "D-Bus system bus", status: "stopped", startType: "enabled" },
  ];
  const winsvc = (service: string, expected = "running") => ({ checkType: "winsvc" as const, service, expected });

  it("finds a systemd unit with or without its suffix and compares its state", () => {
    expect(serviceOutcome(winsvc("ssh"), services)).toEqual({ status: "passing", moreInfo: "OpenBSD Secure Shell server: running (expected running)" });
    expect(serviceOutcome(winsvc("DBUS"), services)).toEqual({ status: "failing", moreInfo: "D-Bus system bus: stopped (expected running)" });
    expect(serviceOutcome(winsvc("dbus", "Stopped"), services).status).toBe("passing");
  });

  it("fails for a service the agent does not report", () => {
    expect(serviceOutcome(winsvc("Spooler"), services)).toEqual({ status: "failing", moreInfo: "Spooler: no such service" });
  });
});
