/** Request and answer schemas of remote shell sessions (specification 000, "Shell"; the transcript is ours). */
import { z } from "zod";
import { agentIdInput } from "./agents";

/** The protocol's limit for one `shell-input`. */
export const MAX_SHELL_INPUT_CHARS = 65_536;

export const openShellInput = z.strictObject({
  agentId: agentIdInput,
  cols: z.coerce.number().int().min(10).max(1000).optional(),
  rows: z.coerce.number().int().min(5).max(1000).optional(),
});

export const openShellResult = z.object({ sessionId: z.string(), shell: z.string(), started: z.boolean() });

export const shellInputInput = z.strictObject({
  agentId: agentIdInput,
  input: z.string().min(1, "must not be empty").max(MAX_SHELL_INPUT_CHARS, `must be at most ${MAX_SHELL_INPUT_CHARS} characters`),
});

export const shellInputResult = z.object({ sessionId: z.string(), accepted: z.literal(true) });

export const resizeShellInput = z.strictObject({
  agentId: agentIdInput,
  cols: z.number().int().min(10).max(1000),
  rows: z.number().int().min(5).max(1000),
});

/** `resized: false`: the shell has no terminal to resize (it runs on pipes). */
export const resizeShellResult = z.object({ sessionId: z.string(), resized: z.boolean() });

export const transcriptInput = z.strictObject({ agentId: agentIdInput, sessionId: z.string().trim().min(1).max(128) });

/** One chunk of a session, in order: what the agent printed, what a user typed, the start and the end. */
export const transcriptEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(["session", "input", "output", "exit"]),
  /** Output: stdout or stderr (a pty merges both into stdout). */
  stream: z.string().optional(),
  text: z.string(),
  /** Who typed (input) or opened the session (session). */
  user: z.string().nullable().optional(),
});

export const transcriptResult = z.object({
  agentId: z.string(),
  sessionId: z.string(),
  entries: z.array(transcriptEntry),
  /** More chunks than one answer holds: the first MAX_TRANSCRIPT_ENTRIES are given. */
  truncated: z.boolean(),
});

export type TranscriptEntry = z.infer<typeof transcriptEntry>;
export type TranscriptResult = z.infer<typeof transcriptResult>;
