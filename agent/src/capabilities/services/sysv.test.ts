import { describe, expect, it } from "vitest";
import type { ExitResult } from "../../platform/run-file";
import { sleep } from "../../util";
import { asExitResult, recordedRcLinks, recordedScripts, recordedStatus } from "./sysv-fixtures";
import { INIT_D, NO_INIT_D, sysvServices, type SysvHost } from "./sysv";

/** Files of a real /etc/init.d that are no services, beside the recorded scripts. */
const HELPERS = ["README", "skeleton", ".depend.start", "ssh.dpkg-old"];

type FakeOptions = { initD?: boolean; notExecutable?: string[]; action?: ExitResult; statusDelayMs?: number };

/**
 * The recorded container: its scripts, links and status answers. Starting a script makes its
 * status the recorded "running" one; every run is kept, as is the most run at once.
 */
function fakeHost({ initD = true, notExecutable = ["README", "skeleton"], action, statusDelayMs = 0 }: FakeOptions = {}): SysvHost & { runs: string[][]; mostAtOnce: number } {
  const running = new Set<string>();
  let now = 0;
  const host = {
    runs: [] as string[][],
    mostAtOnce: 0,
    async entries(directory: string) {
      if (directory === INIT_D) return initD ? [...recordedScripts.keys(), ...HELPERS] : undefined;
      return recordedRcLinks.get(directory);
    },
    readScript: async (name: string) => (notExecutable.includes(name) ? undefined : (recordedScripts.get(name) ?? "#!/bin/sh\n")),
    async run(name: string, scriptAction: string): Promise<ExitResult> {
      host.runs.push([name, scriptAction]);
      if (scriptAction !== "status") {
        if (scriptAction === "stop") running.delete(name);
        else running.add(name);
        return action ?? { code: 0, timedOut: false, output: "" };
      }
      host.mostAtOnce = Math.max(host.mostAtOnce, ++now);
      await sleep(statusDelayMs);
      now--;
      const samples = recordedStatus.filter((run) => run.script === name);
      return asExitResult((running.has(name) ? samples.at(-1) : samples[0]) ?? { script: name, action: "status", exitCode: 4, output: "" });
    },
  };
  return host;
}

describe("SysV init script services", () => {
  it("lists the recorded container's scripts with status, description and start type, helpers left out", async () => {
    const host = fakeHost();
    expect(await sysvServices(host).list()).toEqual([
      { name: "dbus", displayName: "D-Bus systemwide message bus", status: "stopped", startType: "enabled" },
      { name: "hwclock.sh", displayName: "Save system clock to hardware on shutdown.", status: "unknown", startType: "enabled" },
      { name: "postgresql", displayName: "PostgreSQL RDBMS server", status: "stopped", startType: "enabled" },
      { name: "procps", displayName: "Configure kernel parameters at boottime", status: "running", startType: "enabled" },
      { name: "ssh", displayName: "OpenBSD Secure Shell server", status: "stopped", startType: "enabled" },
      { name: "udev", displayName: "Start systemd-udevd, populate /dev and load drivers.", status: "stopped", startType: "enabled" },
      { name: "x11-common", displayName: "set up the X server and ICE socket directories", status: "unknown", startType: "enabled" },
    ]);
    // hwclock.sh has no status action, so it is never run; the helpers never are.
    expect(host.runs.map(([name]) => name).sort()).toEqual(["dbus", "postgresql", "procps", "ssh", "udev", "x11-common"]);
  });

  it("asks a few scripts at a time", async () => {
    const host = fakeHost({ statusDelayMs: 20 });
    await sysvServices(host).list();
    expect(host.mostAtOnce).toBe(4);
  });

  it("starts a listed script by its name with the action as its one argument, then answers its status", async () => {
    const host = fakeHost();
    expect(await sysvServices(host).manage("dbus", "start")).toBe("running");
    expect(await sysvServices(host).manage("dbus", "stop")).toBe("stopped");
    expect(host.runs).toEqual([
      ["dbus", "start"],
      ["dbus", "status"],
      ["dbus", "stop"],
      ["dbus", "status"],
    ]);
  });

  it("runs nothing for a name that is malformed, not in /etc/init.d, a helper or not executable", async () => {
    const host = fakeHost({ notExecutable: ["README", "skeleton", "ssh"] });
    const services = sysvServices(host);
    for (const name of ["../../bin/sh", "/bin/sh", "-f", ".depend.start", "dbus;reboot"]) await expect(services.manage(name, "start"), name).rejects.toMatchObject({ code: "invalid" });
    for (const name of ["nginx", "README", "skeleton", "ssh.dpkg-old", "ssh"]) await expect(services.manage(name, "start"), name).rejects.toMatchObject({ code: "not-found", message: `no service named ${name}` });
    expect(host.runs).toEqual([]);
  });

  it("tells a refusal from another failure, with what the script printed last", async () => {
    const refused = fakeHost({ action: { code: 4, timedOut: false, output: "Starting system message bus: dbus\nstart-stop-daemon: unable to open pidfile: Permission denied\n" } });
    await expect(sysvServices(refused).manage("dbus", "start")).rejects.toMatchObject({ code: "denied", message: expect.stringContaining("not permitted to start dbus: Starting system message bus: dbus / start-stop-daemon") });
    const failed = fakeHost({ action: { code: 1, timedOut: false, output: "Starting PostgreSQL 15 database server: main failed!\n" } });
    await expect(sysvServices(failed).manage("postgresql", "start")).rejects.toMatchObject({ code: "failed", message: "could not start postgresql: Starting PostgreSQL 15 database server: main failed!" });
    const hung = fakeHost({ action: { code: null, timedOut: true, output: "" } });
    await expect(sysvServices(hung).manage("ssh", "restart")).rejects.toMatchObject({ code: "failed", message: "could not restart ssh: no answer within 90 s" });
  });

  it("answers unsupported without /etc/init.d", async () => {
    const host = fakeHost({ initD: false });
    await expect(sysvServices(host).list()).rejects.toMatchObject({ code: "unsupported", message: NO_INIT_D });
    await expect(sysvServices(host).manage("dbus", "start")).rejects.toMatchObject({ code: "unsupported" });
    expect(host.runs).toEqual([]);
  });
});
