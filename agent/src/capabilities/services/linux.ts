/**
 * systemd services through systemctl, run with argument arrays (never a shell). Where systemd is
 * not the running init (containers, WSL 1, SysV and OpenRC machines) the SysV init scripts in
 * /etc/init.d stand in (sysv.ts); without those either, both commands answer `unsupported` with
 * both reasons, rather than systemctl's own "System has not been booted with systemd" noise.
 */
import { access } from "node:fs/promises";
import type { ServiceAction, ServiceInfo } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import { firstExisting, runForOutput } from "../../platform/run-file";
import { errorMessage } from "../../util";
import { preferredOrFallback } from "../fallback";
import type { ServiceCapability } from "./index";
import { parseListUnitFiles, parseListUnits, toServiceList } from "./linux-parse";
import { isValidServiceName, systemctlArguments } from "./names";
import { systemdStatus } from "./status";
import { sysvHost, sysvServices } from "./sysv";

/** What the capability needs from the machine, injected so that its rules are tested without systemd. */
export type SystemdHost = {
  /** sd_booted(3): true when /run/systemd/system exists. */
  isBooted(): Promise<boolean>;
  /** Runs systemctl with these arguments; rejects with its first stderr line on a non-zero exit. */
  systemctl(args: string[]): Promise<string>;
};

export const NO_SYSTEMD = "systemd is not running on this machine (no /run/systemd/system), so it has no services to list or manage";

const LIST_UNITS = ["list-units", "--type=service", "--all", "--no-legend", "--plain", "--no-pager"];
const LIST_UNIT_FILES = ["list-unit-files", "--type=service", "--no-legend", "--no-pager"];

export function systemdServices(host: SystemdHost): ServiceCapability {
  async function list(): Promise<ServiceInfo[]> {
    if (!(await host.isBooted())) throw new CommandError("unsupported", NO_SYSTEMD);
    const [units, unitFiles] = await Promise.all([host.systemctl(LIST_UNITS), host.systemctl(LIST_UNIT_FILES)]);
    return toServiceList(parseListUnits(units), parseListUnitFiles(unitFiles));
  }

  async function statusOf(unit: string): Promise<string> {
    const [active = "", sub = ""] = (await host.systemctl(["show", "--property=ActiveState,SubState", "--value", "--", unit])).trim().split("\n");
    return systemdStatus(active.trim(), sub.trim());
  }

  async function manage(name: string, action: ServiceAction): Promise<string> {
    if (!isValidServiceName("linux", name)) throw new CommandError("invalid", `"${name}" is not a systemd service name`);
    const services = await list();
    if (!services.some((service) => service.name === name)) throw new CommandError("not-found", `no service named ${name}`);
    try {
      await host.systemctl(systemctlArguments(action, name));
    } catch (error) {
      const message = errorMessage(error);
      if (/access denied|authentication required|permission denied/i.test(message)) throw new CommandError("denied", `not permitted to ${action} ${name}: ${message}`);
      throw new CommandError("failed", `could not ${action} ${name}: ${message}`);
    }
    return statusOf(name);
  }

  return { list, manage };
}

/** The usual places of systemctl, by full path, so nothing on PATH can stand in for it. */
const SYSTEMCTL_PATHS = ["/usr/bin/systemctl", "/bin/systemctl"];

export const systemdHost: SystemdHost = {
  isBooted: () => access("/run/systemd/system").then(() => true, () => false),
  async systemctl(args) {
    const binary = await firstExisting(SYSTEMCTL_PATHS);
    if (!binary) throw new CommandError("unsupported", "systemctl is not installed on this machine");
    return runForOutput(binary, args, { timeoutMs: 90_000, env: { ...process.env, SYSTEMD_COLORS: "0", LC_ALL: "C" } });
  },
};

/** systemd when it is the running init, else the init scripts; decided per call, as the machine can change under the agent. */
export function systemdOrInitScripts(systemd: SystemdHost, initScripts: ServiceCapability): ServiceCapability {
  const preferred = systemdServices(systemd);
  const unavailable = async () => ((await systemd.isBooted()) ? undefined : NO_SYSTEMD);
  return {
    list: () => preferredOrFallback(unavailable, preferred.list, initScripts.list),
    manage: (name, action) => preferredOrFallback(unavailable, () => preferred.manage(name, action), () => initScripts.manage(name, action)),
  };
}

export const linuxServices = systemdOrInitScripts(systemdHost, sysvServices(sysvHost));
