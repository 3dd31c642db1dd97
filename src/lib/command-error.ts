/**
 * What to tell the operator when a command to an agent fails. The server's HTTP status says
 * which kind of failure it was; only the caller knows what a 404 or an offline agent means for
 * the action at hand ("the process no longer exists" vs "the device was removed").
 */
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/routers";

export type CommandErrorTexts = {
  /** The agent is not connected (503). */
  offline: string;
  /** The target is gone (404). */
  notFound: string;
};

export type CommandFailure = { status: number | null; message: string };

/** `status` is the HTTP status the server answered, null when it was never reached. */
export function describeCommandError(error: unknown, texts: CommandErrorTexts): CommandFailure {
  if (!(error instanceof TRPCClientError)) return { status: null, message: "The server could not be reached. Check your connection and try again." };
  const status = (error as TRPCClientError<AppRouter>).data?.httpStatus ?? null;
  if (status === 503) return { status, message: texts.offline };
  if (status === 404) return { status, message: texts.notFound };
  // 504 names the agent, the command and the time waited; 502 carries the agent's own reason.
  if (status === 504) return { status, message: `${error.message}. The agent may be busy or its connection stalled; try again.` };
  return { status, message: error.message };
}
