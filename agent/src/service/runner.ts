/**
 * Runs the service manager's tools (systemctl, sc.exe) with argument arrays, never a shell
 * string. Installers take a runner so tests can record the calls instead of making them.
 */
import { execFile } from "node:child_process";

export type CommandRunner = (file: string, args: string[]) => Promise<string>;

export class CommandFailed extends Error {
  constructor(
    readonly file: string,
    readonly args: string[],
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${file} ${args.join(" ")} failed${exitCode === null ? "" : ` (exit ${exitCode})`}${output ? `: ${output}` : ""}`);
  }
}

export const execFileRunner: CommandRunner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: true, timeout: 60_000 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      // sc.exe reports its errors on stdout, systemctl on stderr.
      const output = `${stderr}\n${stdout}`.trim().split(/\r?\n/).slice(0, 3).join(" ");
      const exitCode = typeof error.code === "number" ? error.code : null;
      reject(new CommandFailed(file, args, exitCode, output || error.message));
    });
  });
