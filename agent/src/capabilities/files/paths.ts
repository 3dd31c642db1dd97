/**
 * The one check every file command's path passes: absolute, no `..` segment, no NUL, in the agent
 * OS's own syntax. The answer is the normalised path (`C:/Users` becomes `C:\Users`), so the rest
 * of the capability never sees a path a caller could have bent out of shape.
 */
import type { PlatformPath } from "node:path";
import { CommandError } from "../../command-error";

export function checkedPath(paths: PlatformPath, input: string): string {
  if (input.includes("\0")) throw new CommandError("invalid", "the path contains a NUL character");
  if (!paths.isAbsolute(input)) throw new CommandError("invalid", `'${input}' is not an absolute path`);
  // Both separators: Windows accepts '/', and a Linux name with '\' in it is not a traversal but refusing it costs nothing here.
  if (input.split(/[\\/]/).includes("..")) throw new CommandError("invalid", `'${input}' contains '..'`);
  const normalised = paths.normalize(input);
  // A bare drive-relative form ("C:foo") is not absolute; normalize keeps a trailing separator, which is harmless.
  if (!paths.isAbsolute(normalised)) throw new CommandError("invalid", `'${input}' is not an absolute path`);
  return normalised;
}

/** The directory above, or null at a root. */
export function parentOf(paths: PlatformPath, absolute: string): string | null {
  const parent = paths.dirname(absolute);
  return parent === absolute ? null : parent;
}
