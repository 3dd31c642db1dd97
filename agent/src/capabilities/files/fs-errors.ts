/** Turns the file system's errors into the protocol's error codes, naming the path the user gave. */
import { CommandError } from "../../command-error";
import { errorMessage } from "../../util";

export function fileCommandError(error: unknown, path: string): unknown {
  if (error instanceof CommandError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new CommandError("not-found", `'${path}' does not exist`);
  if (code === "EACCES" || code === "EPERM") return new CommandError("denied", `access to '${path}' is denied`);
  if (code === "ENOTDIR") return new CommandError("invalid", `a part of '${path}' is not a directory`);
  if (code === "EISDIR") return new CommandError("invalid", `'${path}' is a directory`);
  return new CommandError("failed", `'${path}': ${errorMessage(error)}`);
}

/** Runs `work`, translating what the file system throws. */
export async function onPath<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw fileCommandError(error, path);
  }
}
