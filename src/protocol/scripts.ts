/**
 * Remediation scripts: `run-remediation` (acknowledged at once) and the
 * later `remediation-result` with the script's exit code and output.
 */
import { z } from "zod";
import { accepted, identifier, isoTimestamp, shortText } from "./common";
import { commandId, defineCommand, defineMessage, type CommandSpec } from "./envelope";

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
} satisfies Record<string, CommandSpec>;

export type RemediationResultMessage = z.infer<typeof remediationResultMessage>;
