/**
 * How the agent process ends, for the service manager that started it. systemd restarts the unit
 * on anything but `revoked` (RestartPreventExitStatus); the Windows service host restarts it on
 * any non-zero code, so there `revoked` ends the process with 0 (a clean stop, no restart).
 */
export const EXIT_CODES = {
  stopped: 0,
  fatal: 1,
  /** Asks the service manager for a restart: a new version is in place, or the old one is back. */
  restart: 75,
  /** The server no longer accepts this agent: restarting it would only be refused again. */
  revoked: 78,
} as const;

export type ExitReason = keyof typeof EXIT_CODES;

export function exitCodeFor(reason: ExitReason, platform: NodeJS.Platform): number {
  if (reason === "revoked" && platform === "win32") return EXIT_CODES.stopped;
  return EXIT_CODES[reason];
}
