/**
 * How each OS starts an interactive shell for the dashboard, as a fixed program and argument list:
 * nothing received from the server is ever part of it (the terminal size travels as validated
 * numbers in environment variables).
 *
 * Linux: the user's login shell (from the password database, else $SHELL, else /bin/sh). A real
 * pseudo-terminal needs a native addon in Node, which the single executable cannot carry, so the
 * agent borrows util-linux `script`, which allocates one (`script -qfc <command> /dev/null`): line
 * editing, prompts, colours and full-screen programs then work. Without `script`, the shell runs
 * interactively on plain pipes (no line editing, no job control) and says so.
 *
 * Windows: Windows PowerShell by its full path reading commands from stdin (`-Command -`) on pipes;
 * there is no prompt and no line editing (a console needs ConPTY, again a native addon).
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { powerShellPath } from "../../platform/powershell";
import { resizeScriptPty } from "./pty-resize";

export type ShellSize = { cols: number; rows: number };
type Env = Record<string, string | undefined>;

export interface ShellPlan {
  file: string;
  args: string[];
  env: Env;
  /** Reported to the server in the start result, e.g. "/bin/bash (pty via script)". */
  description: string;
  /** Linux: its own process group, so a stop reaches what the shell started. */
  detached: boolean;
  /** Written to stdin first, before anything typed: a fixed setup line, never from the server. */
  initialInput?: string;
  /** Sets the terminal size of the running shell; absent on pipes (there is no terminal). */
  resize?: (pid: number, size: ShellSize) => Promise<boolean>;
}

export const DEFAULT_SIZE: ShellSize = { cols: 80, rows: 24 };

/** Shells that refuse a session (service accounts): the next candidate is used instead. */
const NOT_A_SHELL = new Set(["nologin", "false", "sync", "halt", "shutdown"]);

const SCRIPT_CANDIDATES = ["/usr/bin/script", "/bin/script"];

export type LinuxProbe = { passwdShell: () => string | undefined; env: Env; exists: (file: string) => boolean };

export const realProbe: LinuxProbe = {
  passwdShell: () => {
    try {
      return os.userInfo().shell ?? undefined;
    } catch {
      return undefined;
    }
  },
  env: process.env,
  exists: existsSync,
};

export function loginShell(probe: LinuxProbe): string {
  for (const candidate of [probe.passwdShell(), probe.env.SHELL]) {
    if (candidate && path.isAbsolute(candidate) && !NOT_A_SHELL.has(path.basename(candidate)) && probe.exists(candidate)) return candidate;
  }
  return "/bin/sh";
}

/**
 * `script` runs its command with `$SHELL -c`, so SHELL is /bin/sh for that one step; the constant
 * command sets the pty's size and then replaces itself with the login shell (whose SHELL is restored).
 */
const PTY_COMMAND = 'stty cols "$RMM_SHELL_COLS" rows "$RMM_SHELL_ROWS" 2>/dev/null; SHELL="$RMM_SHELL_PATH"; export SHELL; exec "$RMM_SHELL_PATH" -l';

export function linuxShellPlan(size: ShellSize, probe: LinuxProbe = realProbe): ShellPlan {
  const shell = loginShell(probe);
  const base = { ...probe.env, TERM: "xterm-256color", COLUMNS: String(size.cols), LINES: String(size.rows) };
  const script = SCRIPT_CANDIDATES.find((file) => probe.exists(file));
  if (script) {
    return {
      file: script,
      args: ["-qfc", PTY_COMMAND, "/dev/null"],
      env: { ...base, SHELL: "/bin/sh", RMM_SHELL_PATH: shell, RMM_SHELL_COLS: String(size.cols), RMM_SHELL_ROWS: String(size.rows) },
      description: `${shell} (pty via script)`,
      detached: true,
      resize: (pid, size) => resizeScriptPty(pid, size),
    };
  }
  return { file: shell, args: ["-i"], env: { ...base, SHELL: shell }, description: `${shell} (pipes, no pty)`, detached: true };
}

export function windowsShellPlan(env: Env = process.env): ShellPlan {
  const file = powerShellPath(env);
  return {
    file,
    args: ["-NoLogo", "-NoProfile", "-ExecutionPolicy", "Bypass", "-Command", "-"],
    env: { ...env },
    description: `${file} (pipes, no console)`,
    detached: false,
    // Piped output is in the OEM code page otherwise; the agent decodes UTF-8.
    initialInput: "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; $ProgressPreference = 'SilentlyContinue'\n",
  };
}
