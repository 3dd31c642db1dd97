import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePowerShellJson } from "../../platform/powershell";
import { toServiceList, windowsManageOutput, windowsServiceOutput } from "./windows-parse";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("Windows service list parser", () => {
  const services = toServiceList(parsePowerShellJson(fixture("list-services.json"), windowsServiceOutput));
  const byName = new Map(services.map((service) => [service.name, service]));

  it("lists every Win32_Service entry by name", () => {
    expect(services.map((service) => service.name)).toEqual(["AppXSvc", "Dnscache", "MSSQL$SQLEXPRESS", "RemoteRegistry", "Spooler", "wuauserv"]);
  });

  it("keeps display names and lower-cases states and start modes into the shared words", () => {
    expect(byName.get("Spooler")).toEqual({ name: "Spooler", displayName: "Druckwarteschlange", status: "running", startType: "auto" });
    expect(byName.get("MSSQL$SQLEXPRESS")?.status).toBe("starting");
    expect(byName.get("wuauserv")?.status).toBe("stopping");
    expect(byName.get("RemoteRegistry")).toEqual({ name: "RemoteRegistry", displayName: undefined, status: "stopped", startType: "disabled" });
  });

  it("accepts ConvertTo-Json's bare object for a one-element list", () => {
    expect(toServiceList(parsePowerShellJson(fixture("list-services-single.json"), windowsServiceOutput))).toEqual([
      { name: "Spooler", displayName: "Print Spooler", status: "running", startType: "auto" },
    ]);
  });

  it("reads the manage script's answer and rejects anything else", () => {
    expect(parsePowerShellJson('{"found":true,"status":"Running"}', windowsManageOutput)).toEqual({ found: true, status: "Running" });
    expect(parsePowerShellJson('{"found":false,"status":null}', windowsManageOutput)).toEqual({ found: false, status: undefined });
    expect(() => parsePowerShellJson('[{"Name":"x"}]', windowsServiceOutput)).toThrow(/unexpected PowerShell output/);
  });
});
