import { describe, expect, it } from "vitest";
import { diskUsePercent, formatUptime, shownName, uptimeSeconds } from "./device-facts";

describe("device facts", () => {
  it("reports the fullest volume, ignoring volumes without a size", () => {
    const disks = [
      { mount: "C:", totalBytes: 100, freeBytes: 60 },
      { mount: "D:", totalBytes: 200, freeBytes: 20 },
      { mount: "E:", totalBytes: 0, freeBytes: 0 },
    ];
    expect(diskUsePercent({ disks })).toBe(90);
    expect(diskUsePercent({ disks: [] })).toBeNull();
    expect(diskUsePercent(null)).toBeNull();
  });

  it("counts blocks reserved for root as df does, when the agent reports them", () => {
    // df: 120 used, 61 available to users (19 reserved) -> 120 / 181 = 66 %, not (200 - 61) / 200 = 70 %.
    expect(diskUsePercent({ disks: [{ mount: "/", totalBytes: 200, freeBytes: 61, usedBytes: 120 }] })).toBeCloseTo(66.3, 1);
  });

  it("counts uptime from the boot time only while the device is online", () => {
    const now = Date.parse("2025-03-10T12:00:00Z");
    expect(uptimeSeconds({ bootTime: "2025-03-08T10:30:00Z", online: true }, now)).toBe(2 * 86_400 + 5400);
    expect(uptimeSeconds({ bootTime: "2025-03-08T10:30:00Z", online: false }, now)).toBeNull();
    expect(uptimeSeconds({ bootTime: null, online: true }, now)).toBeNull();
  });

  it("formats uptime in its two largest units", () => {
    expect(formatUptime(2 * 86_400 + 5400)).toBe("2 d 1 h");
    expect(formatUptime(3 * 3600 + 20 * 60 + 59)).toBe("3 h 20 min");
    expect(formatUptime(59)).toBe("0 min");
  });

  it("shows the display name where there is one", () => {
    expect(shownName({ name: "DESKTOP-1", displayName: "Reception" })).toBe("Reception");
    expect(shownName({ name: "DESKTOP-1", displayName: null })).toBe("DESKTOP-1");
  });
});
