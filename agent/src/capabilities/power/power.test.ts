import { describe, expect, it } from "vitest";
import { powerCapabilityFor, WINDOWS_NOTICE_SECONDS } from ".";

function recorder(fail: (file: string) => boolean = () => false) {
  const calls: Array<[string, string[]]> = [];
  const run = async (file: string, args: string[]) => {
    calls.push([file, args]);
    if (fail(file)) throw new Error(`${file} failed`);
    return "";
  };
  return { calls, run };
}

describe("power capability", () => {
  it("asks systemd to reboot or power off on Linux", async () => {
    const { calls, run } = recorder();
    const power = powerCapabilityFor("linux", run);
    await power.restart();
    await power.shutdown();
    expect(calls).toEqual([
      ["systemctl", ["reboot"]],
      ["systemctl", ["poweroff"]],
    ]);
  });

  it("falls back to shutdown(8) where systemctl is missing or refuses", async () => {
    const { calls, run } = recorder((file) => file === "systemctl");
    const power = powerCapabilityFor("linux", run);
    await power.restart();
    await power.shutdown();
    expect(calls.filter(([file]) => file === "shutdown")).toEqual([
      ["shutdown", ["-r", "now"]],
      ["shutdown", ["-h", "now"]],
    ]);
  });

  it("reports the failure when neither tool works", async () => {
    const { run } = recorder(() => true);
    await expect(powerCapabilityFor("linux", run).restart()).rejects.toThrow(/shutdown failed/);
  });

  it("runs shutdown.exe from System32 by its full path, with a notice, on Windows", async () => {
    const { calls, run } = recorder();
    const power = powerCapabilityFor("win32", run, { SystemRoot: "D:\\Win" });
    await power.restart();
    await power.shutdown();
    expect(calls.map(([file]) => file)).toEqual(["D:\\Win\\System32\\shutdown.exe", "D:\\Win\\System32\\shutdown.exe"]);
    expect(calls[0]?.[1].slice(0, 3)).toEqual(["/r", "/t", String(WINDOWS_NOTICE_SECONDS)]);
    expect(calls[1]?.[1].slice(0, 3)).toEqual(["/s", "/t", String(WINDOWS_NOTICE_SECONDS)]);
    expect(calls[0]?.[1][3]).toBe("/c");
  });

  it("ignores a SystemRoot that is not a plain local path", async () => {
    const { calls, run } = recorder();
    await powerCapabilityFor("win32", run, { SystemRoot: "\\\\evil\\share" }).restart();
    expect(calls[0]?.[0]).toBe("C:\\Windows\\System32\\shutdown.exe");
  });
});
