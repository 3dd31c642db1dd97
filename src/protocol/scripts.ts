/**
 * Scripts on agents. `run-script` runs one version of a library script to completion and answers
 * with its exit code and capped output (the same result as `run-command`); the content travels as
 * data and the arguments as an array, never as a command line. Remediation scripts:
 * `run-remediation` (acknowledged at once) and the later `remediation-result`.
 */
import { z } from "zod";
import { accepted, identifier, isoTimestamp, shortText } from "./common";
import { commandId, defineCommand, defineMessage, type CommandSpec } from "./envelope";
import { RUN_COMMAND_MAX_TIMEOUT_SECONDS, runCommandResult } from "./run-command";

/** The interpreters a library script may name: PowerShell and cmd on Windows, bash on Linux, Python on both. */
export const SCRIPT_LANGUAGES = ["powershell", "python", "bash", "cmd"] as const;
export const libraryScriptLanguage = z.enum(SCRIPT_LANGUAGES);
export type ScriptLanguage = z.infer<typeof libraryScriptLanguage>;
export const SCRIPT_MAX_CONTENT_CHARS = 1_048_576;
export const SCRIPT_MAX_ARGS = 64;

export const runScriptCommand = defineCommand("run-script", {
  language: libraryScriptLanguage,
  content: z.string().min(1).max(SCRIPT_MAX_CONTENT_CHARS),
  args: z.array(z.string().max(4096)).max(SCRIPT_MAX_ARGS),
  timeoutSeconds: z.number().int().min(1).max(RUN_COMMAND_MAX_TIMEOUT_SECONDS),
});

export const scriptLanguage = z.enum(["powershell", "python", "shell"]);

export const runRemediationCommand = defineCommand("run-remediation", {
  scriptName: z.string().min(1).max(256),
  language: scriptLanguage,
  content: z.string().min(1).max(1_048_576),
  timeoutSeconds: z.number().int().min(1).max(86_400).optional(),
  /** Set when an alert triggered the run, so the result can be tied back to it. */
  alertId: identifier.optional(),
});

/** Output is truncated by the agent to these many characters per stream. */
export const REMEDIATION_OUTPUT_MAX_CHARS = 262_144;

export const remediationResultMessage = defineMessage("remediation-result", {
  commandId,
  scriptName: z.string().min(1).max(256),
  status: z.enum(["succeeded", "failed", "timeout"]),
  exitCode: z.number().int().nullable(),
  stdout: shortText(REMEDIATION_OUTPUT_MAX_CHARS),
  stderr: shortText(REMEDIATION_OUTPUT_MAX_CHARS),
  startedAt: isoTimestamp,
  finishedAt: isoTimestamp,
});

export const scriptCommands = {
  "run-remediation": { command: runRemediationCommand, result: accepted },
  "run-script": { command: runScriptCommand, result: runCommandResult },
} satisfies Record<string, CommandSpec>;

export type RemediationResultMessage = z.infer<typeof remediationResultMessage>;
