/**
 * Pure rules for SysV init scripts (/etc/init.d), used where systemd is not the running init:
 * which files are services, what their LSB header calls them, whether they answer `status`, and
 * whether the runlevel links start them at boot.
 */
import type { ServiceInfo } from "../../../../src/protocol";
import { isValidInitScriptName } from "./names";

/**
 * Files in /etc/init.d that are not services: the ones `service --status-all` skips (the rc
 * drivers, the template, shutdown helpers) and the copies package managers and editors leave.
 */
const HELPERS = new Set(["README", "skeleton", "rc", "rcS", "single", "reboot", "halt", "killall", "functions", "bootclean.sh", "linuxconf", "kudzu"]);
const LEFTOVER = /\.(dpkg-(dist|old|new|bak|tmp)|ucf-(dist|old|new)|rpm(new|save|orig)|orig|bak|swp)$|~$/;

/** Whether a file name in /etc/init.d can be a service (hidden files and malformed names never are). */
export function isServiceScriptName(name: string): boolean {
  return isValidInitScriptName(name) && !HELPERS.has(name) && !LEFTOVER.test(name);
}

/** The LSB header's `Short-Description:` (between `### BEGIN INIT INFO` and `### END INIT INFO`), if any. */
export function shortDescription(script: string): string | undefined {
  const header = /^### BEGIN INIT INFO\s*$([\s\S]*?)^### END INIT INFO/m.exec(script)?.[1] ?? "";
  const value = /^#\s*Short-Description:[ \t]*(.*)$/m.exec(header)?.[1]?.trim();
  return value ? value.slice(0, 512) : undefined;
}

/**
 * Whether `<script> status` is an action the script knows. A script without one may run its
 * default branch for an unknown action, which in old scripts is often `start`: listing must never
 * start anything, so such a script is not run and its status is unknown. Debian's init-d-script
 * and OpenRC's openrc-run provide `status` for every script built on them.
 */
export function answersStatus(script: string): boolean {
  if (/^#!\s*\S*openrc-run\b/.test(script) || /init-d-script/.test(script)) return true;
  const code = script.split("\n").filter((line) => !/^\s*#/.test(line));
  return code.some((line) => /\bstatus\b/.test(line));
}

/** A link `S<nn><name>` in an rc<level>.d folder starts the script in that runlevel (K<nn> stops it). */
const START_LINK = /^S\d+(.+)$/;

/**
 * The scripts started at boot: those with an `S` link in rcS.d or a multi-user runlevel
 * (rc2.d-rc5.d), and OpenRC's scripts listed in its sysinit, boot and default runlevels.
 */
export function startedAtBoot(rcLinks: readonly string[], openrcRunlevelEntries: readonly string[]): Set<string> {
  const started = new Set(openrcRunlevelEntries);
  for (const link of rcLinks) {
    const name = START_LINK.exec(link)?.[1];
    if (name) started.add(name);
  }
  return started;
}

/**
 * One script as a service, in systemd's words for the start type so that one Linux dashboard
 * filters alike: `enabled` when booting starts it, else `disabled` (`update-rc.d disable` turns the
 * S links into K links; a script without links is only ever started by hand).
 */
export function toInitScriptService(name: string, script: string, status: string, bootStarted: ReadonlySet<string>): ServiceInfo {
  return { name, displayName: shortDescription(script) ?? name, status, startType: bootStarted.has(name) ? "enabled" : "disabled" };
}
