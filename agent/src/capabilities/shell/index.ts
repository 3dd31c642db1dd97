/**
 * Shell capability: interactive shells for the dashboard's terminal (`start-shell`, `shell-input`,
 * `resize-shell`, `stop-shell`), streamed back as `shell-output`. The per-OS part is only how the
 * shell is started and resized (plan.ts); sessions.ts runs it the same way on both.
 */
import { spawn } from "node:child_process";
import type { HandlerTable } from "../../commands/dispatcher";
import type { Spawner } from "../../platform/kill-tree";
import { implementationFor, type Implementations } from "../platform-map";
import { DEFAULT_SIZE, linuxShellPlan, windowsShellPlan, type ShellPlan, type ShellSize } from "./plan";
import { ShellSessions } from "./sessions";

export type ShellCapability = ShellSessions;

export const shellPlans: Implementations<(size: ShellSize) => ShellPlan> = { linux: (size) => linuxShellPlan(size), win32: () => windowsShellPlan() };

export function shellCapabilityFor(platform: NodeJS.Platform, spawner: Spawner = spawn): ShellCapability {
  return new ShellSessions({ plan: implementationFor(shellPlans, platform, "shell"), spawner });
}

export function shellHandlers(shells: ShellCapability): HandlerTable {
  return {
    "start-shell": async ({ sessionId, cols, rows }, context) => shells.start(sessionId, { cols: cols ?? DEFAULT_SIZE.cols, rows: rows ?? DEFAULT_SIZE.rows }, context),
    "shell-input": async ({ sessionId, data }) => shells.input(sessionId, data),
    "resize-shell": ({ sessionId, cols, rows }) => shells.resize(sessionId, { cols, rows }),
    "stop-shell": async ({ sessionId }) => shells.stop(sessionId),
  };
}
