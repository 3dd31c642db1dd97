/**
 * Windows folders from the environment, accepted only as plain local drive paths. Anything else
 * (unset, relative, a network share, characters cmd.exe would interpret) falls back to the
 * default, so a path built from them never needs quoting beyond a pair of double quotes.
 */
import path from "node:path";

const PLAIN_LOCAL_PATH = /^[A-Za-z]:\\[A-Za-z0-9 ._()\\-]*$/;

export function isPlainWindowsPath(value: string): boolean {
  return PLAIN_LOCAL_PATH.test(value);
}

type Env = Record<string, string | undefined>;

export function systemRoot(env: Env = process.env): string {
  const value = (env.SystemRoot ?? "").replace(/\//g, "\\");
  return isPlainWindowsPath(value) ? value : "C:\\Windows";
}

export function system32(env: Env = process.env): string {
  return path.win32.join(systemRoot(env), "System32");
}

export function programFiles(env: Env = process.env): string {
  const value = (env.ProgramFiles ?? "").replace(/\//g, "\\");
  return isPlainWindowsPath(value) ? value : "C:\\Program Files";
}
