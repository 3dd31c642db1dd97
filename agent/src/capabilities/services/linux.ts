/**
 * systemd services through systemctl, run with argument arrays (never a shell). Where systemd is
 * not the running init (containers, WSL 1, SysV machines) both commands answer `unsupported` with
 * the reason, rather than systemctl's own "System has not been booted with systemd" noise.
 */
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import type { ServiceAction, ServiceInfo } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import { errorMessage } from "../../util";
import type { ServiceCapability } from "./index";
import { parseListUnitFiles, parseListUnits, toServiceList } from "./linux-parse";
import { isValidServiceName, systemctlArguments } from "./names";
import { systemdStatus } from "./status";

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

/** The first systemctl of the usual places, by full path, so nothing on PATH can stand in for it. */
const SYSTEMCTL_PATHS = ["/usr/bin/systemctl", "/bin/systemctl"];

const exists = (path: string) => access(path).then(() => true, () => false);

async function findSystemctl(): Promise<string | undefined> {
  for (const candidate of SYSTEMCTL_PATHS) if (await exists(candidate)) return candidate;
  return undefined;
}

export const systemdHost: SystemdHost = {
  isBooted: () => exists("/run/systemd/system"),
  async systemctl(args) {
    const binary = await findSystemctl();
    if (!binary) throw new CommandError("unsupported", "systemctl is not installed on this machine");
    return new Promise((resolve, reject) => {
      execFile(binary, args, { timeout: 90_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, SYSTEMD_COLORS: "0", LC_ALL: "C" } }, (error, stdout, stderr) => {
        if (error) reject(new Error(stderr.trim().split("\n")[0] || errorMessage(error)));
        else resolve(stdout);
      });
    });
  },
};

export const linuxServices = systemdServices(systemdHost);
