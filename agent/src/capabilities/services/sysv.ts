/**
 * SysV init scripts (/etc/init.d) as services, for machines where systemd is not the running init
 * (containers, Devuan, Alpine's OpenRC, older distributions). Each script is run directly by its
 * full path with one argument (never a shell, never `service`), and only when its name is one of
 * the scripts listed in /etc/init.d: a name from the server never becomes a path by itself.
 */
import { constants } from "node:fs";
import { access, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ServiceAction, ServiceInfo } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import { mapWithLimit } from "../../map-limit";
import { runForExitCode, type ExitResult } from "../../platform/run-file";
import type { ServiceCapability } from "./index";
import { isValidInitScriptName } from "./names";
import { initScriptStatus } from "./status";
import { answersStatus, isServiceScriptName, startedAtBoot, toInitScriptService } from "./sysv-parse";

export const INIT_D = "/etc/init.d";
/** The folders of links that start scripts at boot: rcS.d (Debian's early boot) and the multi-user runlevels (on Red Hat links to /etc/rc.d/rc<n>.d). */
export const RC_DIRECTORIES = ["/etc/rcS.d", "/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d"];
/** OpenRC's runlevels that run at boot. */
export const OPENRC_RUNLEVELS = ["/etc/runlevels/sysinit", "/etc/runlevels/boot", "/etc/runlevels/default"];

export const NO_INIT_D = "there is no /etc/init.d either, so there are no SysV init scripts to list or manage";

/** Status calls at once: a listing of 100 scripts must not start 100 processes together. */
const STATUS_CONCURRENCY = 4;
const STATUS_TIMEOUT_MS = 10_000;
/** As long as the systemd side waits for systemctl: stopping a database can take a while. */
const ACTION_TIMEOUT_MS = 90_000;

export type InitScriptAction = ServiceAction | "status";

/** What the capability needs from the machine, injected so that its rules are tested without init scripts. */
export type SysvHost = {
  /** The names in a folder; undefined when it does not exist. */
  entries(directory: string): Promise<string[] | undefined>;
  /** The text of /etc/init.d/<name> when it is an executable regular file (or a link to one), else undefined. */
  readScript(name: string): Promise<string | undefined>;
  /** Runs /etc/init.d/<name> <action>; answers its exit code and output, never rejecting. */
  run(name: string, action: InitScriptAction, timeoutMs: number): Promise<ExitResult>;
};

/** The last non-empty lines of what a script printed, which is where init scripts say what went wrong. */
function reasonIn(result: ExitResult): string {
  if (result.timedOut) return `no answer within ${ACTION_TIMEOUT_MS / 1000} s`;
  const lines = result.output.split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.slice(-3).join(" / ").slice(0, 1000) || `exit code ${result.code ?? "none"}`;
}

export function sysvServices(host: SysvHost): ServiceCapability {
  /** The service scripts by name, with their text. */
  async function scripts(): Promise<Map<string, string>> {
    const names = await host.entries(INIT_D);
    if (!names) throw new CommandError("unsupported", NO_INIT_D);
    const candidates = names.filter(isServiceScriptName).sort((a, b) => a.localeCompare(b));
    const texts = await Promise.all(candidates.map((name) => host.readScript(name)));
    return new Map(candidates.flatMap((name, index) => (texts[index] === undefined ? [] : [[name, texts[index]] as const])));
  }

  async function statusOf(name: string, script: string): Promise<string> {
    if (!answersStatus(script)) return "unknown";
    return initScriptStatus(await host.run(name, "status", STATUS_TIMEOUT_MS));
  }

  async function bootStarted(): Promise<Set<string>> {
    const listings = await Promise.all([...RC_DIRECTORIES, ...OPENRC_RUNLEVELS].map(async (directory) => (await host.entries(directory)) ?? []));
    return startedAtBoot(listings.slice(0, RC_DIRECTORIES.length).flat(), listings.slice(RC_DIRECTORIES.length).flat());
  }

  async function list(): Promise<ServiceInfo[]> {
    const [found, started] = await Promise.all([scripts(), bootStarted()]);
    const entries = [...found];
    const statuses = await mapWithLimit(entries, STATUS_CONCURRENCY, ([name, script]) => statusOf(name, script));
    return entries.map(([name, script], index) => toInitScriptService(name, script, statuses[index]!, started));
  }

  async function manage(name: string, action: ServiceAction): Promise<string> {
    if (!isValidInitScriptName(name)) throw new CommandError("invalid", `"${name}" is not an init script name`);
    const script = (await scripts()).get(name);
    if (script === undefined) throw new CommandError("not-found", `no service named ${name}`);
    const result = await host.run(name, action, ACTION_TIMEOUT_MS);
    if (result.code !== 0) {
      const reason = reasonIn(result);
      if (/permission denied|operation not permitted|must be root|only root|superuser|not privileged/i.test(reason)) throw new CommandError("denied", `not permitted to ${action} ${name}: ${reason}`);
      throw new CommandError("failed", `could not ${action} ${name}: ${reason}`);
    }
    return statusOf(name, script);
  }

  return { list, manage };
}

/** The environment init scripts get at boot and from `service`: a fixed PATH and the C locale, none of the agent's own variables. */
const SCRIPT_ENV = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C", LC_ALL: "C" };

/** Scripts are short; anything much larger in /etc/init.d is not one. */
const SCRIPT_SIZE_LIMIT = 1024 * 1024;

export const sysvHost: SysvHost = {
  entries: (directory) => readdir(directory).catch(() => undefined),
  async readScript(name) {
    // Only ever called with a name read from /etc/init.d itself; the check is kept for safety all the same.
    if (!isValidInitScriptName(name)) return undefined;
    const file = path.join(INIT_D, name);
    try {
      const info = await stat(file);
      if (!info.isFile() || info.size > SCRIPT_SIZE_LIMIT) return undefined;
      await access(file, constants.X_OK);
      return await readFile(file, "utf8");
    } catch {
      return undefined;
    }
  },
  run: (name, action, timeoutMs) => runForExitCode(path.join(INIT_D, name), [action], { timeoutMs, env: SCRIPT_ENV }),
};
