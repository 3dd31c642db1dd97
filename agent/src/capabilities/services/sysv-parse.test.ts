import { describe, expect, it } from "vitest";
import { initScriptStatus } from "./status";
import { asExitResult, recordedRcLinks, recordedScripts, recordedStatus } from "./sysv-fixtures";
import { answersStatus, isServiceScriptName, shortDescription, startedAtBoot, toInitScriptService } from "./sysv-parse";

const script = (name: string) => recordedScripts.get(name) ?? "";

describe("init script rules", () => {
  it("takes every script of the recorded /etc/init.d as a service, and skips helpers, leftovers and hidden files", () => {
    expect([...recordedScripts.keys()].filter(isServiceScriptName)).toEqual(["dbus", "hwclock.sh", "postgresql", "procps", "ssh", "udev", "x11-common"]);
    for (const name of ["README", "skeleton", "rc", "rcS", "halt", "functions", ".depend.boot", "ssh.dpkg-old", "ssh.dpkg-dist", "nginx.rpmsave", "nginx~", "-x", "a b"]) {
      expect(isServiceScriptName(name), name).toBe(false);
    }
  });

  it("reads the Short-Description of the LSB header, spaces or tabs after the colon", () => {
    expect(shortDescription(script("dbus"))).toBe("D-Bus systemwide message bus");
    expect(shortDescription(script("postgresql"))).toBe("PostgreSQL RDBMS server");
    expect(shortDescription(script("ssh"))).toBe("OpenBSD Secure Shell server");
    expect(shortDescription("#!/bin/sh\n# Short-Description: outside the header\necho hi\n")).toBeUndefined();
    expect(shortDescription("### BEGIN INIT INFO\n# Short-Description:\n### END INIT INFO\n")).toBeUndefined();
  });

  it("runs `status` only on scripts that know it", () => {
    expect([...recordedScripts].filter(([, text]) => answersStatus(text)).map(([name]) => name)).toEqual(["dbus", "postgresql", "procps", "ssh", "udev", "x11-common"]);
    // A status only in a comment does not count; OpenRC scripts all have one.
    expect(answersStatus("#!/bin/sh\n# shows the status\ncase \"$1\" in stop) kill 1;; *) start;; esac\n")).toBe(false);
    expect(answersStatus("#!/sbin/openrc-run\ncommand=/usr/sbin/crond\n")).toBe(true);
  });

  it("maps recorded LSB exit codes to the shared status words", () => {
    const statuses = recordedStatus.map((run) => [run.script, initScriptStatus(asExitResult(run))]);
    expect(statuses).toEqual([
      ["dbus", "stopped"],
      ["hwclock.sh", "unknown"], // exit 1, but it printed its usage: it has no status action
      ["postgresql", "stopped"],
      ["procps", "running"],
      ["ssh", "stopped"],
      ["udev", "stopped"],
      ["x11-common", "unknown"], // exit 4
      ["dbus", "running"],
      ["ssh", "running"],
    ]);
    expect(initScriptStatus({ code: 2, output: "" })).toBe("stopped");
    expect(initScriptStatus({ code: null, output: "" })).toBe("unknown");
    expect(initScriptStatus({ code: 0, output: "nginx is running. Memory usage: 12M\n" })).toBe("running");
  });

  it("counts S links of rcS.d and runlevels 2-5, and OpenRC's boot runlevels, as started at boot", () => {
    const rc = ["/etc/rcS.d", "/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d"].flatMap((folder) => recordedRcLinks.get(folder) ?? []);
    expect([...startedAtBoot(rc, [])].sort()).toEqual(["dbus", "hwclock.sh", "postgresql", "procps", "ssh", "udev", "x11-common"]);
    expect([...startedAtBoot(["K01nginx", "S20cron", "README"], ["sshd"])].sort()).toEqual(["cron", "sshd"]);
  });

  it("builds the service with its description, or its name when it has none", () => {
    const boot = new Set(["dbus"]);
    expect(toInitScriptService("dbus", script("dbus"), "running", boot)).toEqual({ name: "dbus", displayName: "D-Bus systemwide message bus", status: "running", startType: "enabled" });
    expect(toInitScriptService("local", "#!/bin/sh\n", "unknown", boot)).toEqual({ name: "local", displayName: "local", status: "unknown", startType: "disabled" });
  });
});
