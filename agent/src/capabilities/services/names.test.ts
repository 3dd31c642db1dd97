import { describe, expect, it } from "vitest";
import { isValidInitScriptName, isValidServiceName, systemctlArguments } from "./names";

describe("service names accepted from the server", () => {
  it("accepts systemd unit names, escaped ones and instances", () => {
    for (const name of ["nginx.service", "getty@tty1.service", "systemd-fsck@dev-disk-by\\x2duuid-3F2A.service", "user@1000.service"]) {
      expect(isValidServiceName("linux", name), name).toBe(true);
    }
  });

  it("refuses option-like, path-like, non-service and shell-looking names on Linux", () => {
    for (const name of ["--help", "-nginx.service", "nginx", "nginx.socket", "../x.service", "a b.service", "x;reboot.service", "$(id).service", "", `${"a".repeat(250)}.service`]) {
      expect(isValidServiceName("linux", name), name).toBe(false);
    }
  });

  it("accepts Windows key names and refuses Get-Service wildcards", () => {
    for (const name of ["Spooler", "MSSQL$SQLEXPRESS", "Some Service", "{3A1B}"]) expect(isValidServiceName("win32", name), name).toBe(true);
    for (const name of ["*", "Spool*", "Spo?ler", "[a-z]*", "a\\b", "a/b", "", " lead"]) expect(isValidServiceName("win32", name), name).toBe(false);
  });

  it("accepts init script file names and refuses paths, hidden files, options and shell-looking names", () => {
    for (const name of ["ssh", "dbus", "hwclock.sh", "x11-common", "postgresql", "rc.local", "network-manager", "php8.2-fpm"]) expect(isValidInitScriptName(name), name).toBe(true);
    for (const name of ["", ".", "..", ".hidden", "-h", "--help", "../../bin/sh", "/bin/sh", "a/b", "a b", "x;reboot", "$(id)", "a`b`", "*", `${"a".repeat(257)}`]) {
      expect(isValidInitScriptName(name), name).toBe(false);
    }
  });

  it("builds systemctl's arguments with the unit after `--`", () => {
    expect(systemctlArguments("restart", "nginx.service")).toEqual(["restart", "--no-ask-password", "--", "nginx.service"]);
    expect(systemctlArguments("stop", "cron.service")).toEqual(["stop", "--no-ask-password", "--", "cron.service"]);
  });
});
