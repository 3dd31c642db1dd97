/**
 * Which service names the agent accepts from the server, checked before anything reaches
 * systemctl, an init script or PowerShell. Names are only ever passed as one argv entry (Linux) or
 * an environment variable (Windows), so the patterns guard against what those can still misread: a
 * leading "-" taken as an option by systemctl, a "/" or ".." that would leave /etc/init.d, and
 * wildcards that Get-Service would expand to many services.
 */
import type { ServiceAction } from "../../../../src/protocol";

/** A unit name as systemd escapes it (`systemd-fsck@dev-disk-by\x2duuid-1.service`). */
const SYSTEMD_UNIT = /^[A-Za-z0-9_:.@\\][A-Za-z0-9_:.@\\-]*\.service$/;

/** A Windows service key name (`MSSQL$SQLEXPRESS`, `Dnscache`), never a Get-Service wildcard. */
const WINDOWS_SERVICE = /^[A-Za-z0-9_.$@{}()+][A-Za-z0-9_.$@{}()+ -]*$/;

/** A SysV init script's file name (`ssh`, `hwclock.sh`): no path, no leading "." or "-". */
const INIT_SCRIPT = /^[A-Za-z0-9_][A-Za-z0-9_.@+-]*$/;

export function isValidServiceName(platform: "linux" | "win32", name: string): boolean {
  if (name.length > 256) return false;
  return (platform === "linux" ? SYSTEMD_UNIT : WINDOWS_SERVICE).test(name);
}

/** Checked before the name is looked up among /etc/init.d's scripts, which is what decides whether it is run. */
export function isValidInitScriptName(name: string): boolean {
  return name.length <= 256 && INIT_SCRIPT.test(name);
}

/** systemctl verbs, spelled out so that nothing received becomes a verb. */
export function systemctlArguments(action: ServiceAction, unit: string): string[] {
  const verb = { start: "start", stop: "stop", restart: "restart" }[action];
  // --no-ask-password: never wait for a polkit prompt nobody will answer; `--` ends the options.
  return [verb, "--no-ask-password", "--", unit];
}
