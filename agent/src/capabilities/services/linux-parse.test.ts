import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseListUnitFiles, parseListUnits, toServiceList } from "./linux-parse";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const services = toServiceList(parseListUnits(fixture("systemctl-list-units.txt")), parseListUnitFiles(fixture("systemctl-list-unit-files.txt")));
const byName = new Map(services.map((service) => [service.name, service]));

describe("systemd service list", () => {
  it("lists loaded units and installed but unloaded ones, leaving out missing units and templates", () => {
    expect(services.map((service) => service.name)).toEqual([
      "apache-htcacheclean.service",
      "cron.service",
      "dbus.service",
      "getty@tty1.service",
      "nginx.service",
      "postgresql.service",
      "rescue.service",
      "ssh.service",
      "systemd-fsck@dev-disk-by\\x2duuid-3F2A.service",
    ]);
  });

  it("keeps the description as display name and the enablement as start type", () => {
    expect(byName.get("cron.service")).toEqual({ name: "cron.service", displayName: "Regular background program processing daemon", status: "running", startType: "enabled" });
    expect(byName.get("ssh.service")).toEqual({ name: "ssh.service", displayName: "OpenBSD Secure Shell server", status: "stopped", startType: "disabled" });
    expect(byName.get("rescue.service")).toEqual({ name: "rescue.service", status: "stopped", startType: "masked" });
  });

  it("maps systemd states to the shared status words", () => {
    expect(byName.get("nginx.service")?.status).toBe("failed");
    expect(byName.get("postgresql.service")?.status).toBe("starting");
    expect(byName.get("systemd-fsck@dev-disk-by\\x2duuid-3F2A.service")?.status).toBe("exited");
    // An instance has no unit file of its own; its start type is unknown rather than its template's.
    expect(byName.get("getty@tty1.service")?.startType).toBeUndefined();
  });

  it("ignores blank lines and rows that are not services", () => {
    expect(parseListUnits("\n  \nfoo.socket loaded active listening Foo\n")).toEqual([]);
    expect(parseListUnitFiles("\nfoo.timer enabled enabled\n").size).toBe(0);
  });
});
