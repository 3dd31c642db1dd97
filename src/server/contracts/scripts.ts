/** The script library's inputs and outputs, shared by the procedures, the REST presenters and the dashboard. */
import { z } from "zod";
import { libraryScriptLanguage, RUN_COMMAND_MAX_TIMEOUT_SECONDS, SCRIPT_MAX_ARGS, SCRIPT_MAX_CONTENT_CHARS, SCRIPT_LANGUAGES } from "../../protocol";
import { agentIdInput, agentIdsInput } from "./agents";

export { SCRIPT_LANGUAGES };
export const SCRIPT_APPROVAL_STATES = ["not-required", "pending", "approved"] as const;
export const SCRIPT_RUN_STATUSES = ["running", "succeeded", "failed", "timeout", "error"] as const;
export const DEFAULT_SCRIPT_TIMEOUT_SECONDS = 60;

/** Names appear in paths (`/scripts/{name}/content`): no slashes, no leading dot or space. */
export const scriptNameInput = z
  .string()
  .trim()
  .min(1, "is required")
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._()+-]*$/, "may hold letters, digits, spaces and . _ ( ) + - and starts with a letter or digit");
export const scriptIdInput = z.number({ error: "must be a script id" }).int().min(1).max(2 ** 31 - 1);
const scriptContent = z.string().min(1, "is required").max(SCRIPT_MAX_CONTENT_CHARS);
export const scriptArgs = z.array(z.string().max(4096)).max(SCRIPT_MAX_ARGS);
export const scriptTimeout = z.number().int().min(1).max(RUN_COMMAND_MAX_TIMEOUT_SECONDS);

export const scriptSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  language: libraryScriptLanguage,
  /** The current (latest) version. */
  version: z.number().int(),
  versionId: z.number().int(),
  sha256: z.string(),
  requiresApproval: z.boolean(),
  /** Of the current version: whether it may run. */
  approval: z.enum(SCRIPT_APPROVAL_STATES),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const scriptVersion = z.object({
  id: z.number().int(),
  version: z.number().int(),
  language: libraryScriptLanguage,
  sha256: z.string(),
  author: z.string(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});

export const scriptRun = z.object({
  id: z.number().int(),
  scriptId: z.number().int(),
  scriptName: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  requestedBy: z.string(),
  args: z.array(z.string()),
  status: z.enum(SCRIPT_RUN_STATUSES),
  exitCode: z.number().int().nullable(),
  stdout: z.string().nullable(),
  stderr: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
});

export const scriptDetail = scriptSummary.extend({ content: z.string(), versions: z.array(scriptVersion), runs: z.array(scriptRun) });

export const createScriptInput = z.strictObject({
  name: scriptNameInput,
  description: z.string().trim().max(1000).optional(),
  /** PowerShell unless said otherwise, as the reference server does. */
  language: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(libraryScriptLanguage)
    .optional(),
  content: scriptContent,
  requiresApproval: z.boolean().optional(),
});

export const updateScriptInput = z.strictObject({
  scriptId: scriptIdInput,
  description: z.string().trim().max(1000).optional(),
  language: libraryScriptLanguage.optional(),
  content: scriptContent.optional(),
  requiresApproval: z.boolean().optional(),
});

export const approveScriptInput = z.strictObject({ scriptId: scriptIdInput, versionId: scriptIdInput });

export const runScriptInput = z.strictObject({
  scriptId: scriptIdInput,
  agentIds: agentIdsInput,
  args: scriptArgs.default([]),
  timeoutSeconds: scriptTimeout.default(DEFAULT_SCRIPT_TIMEOUT_SECONDS),
});

export const runScriptByNameInput = z.strictObject({ scriptName: scriptNameInput, agentIds: agentIdsInput });

export const RUN_SCRIPT_OUTPUT_MODES = ["wait", "forget", "collector"] as const;
export const runScriptOnAgentInput = z.strictObject({
  agentId: agentIdInput,
  scriptId: scriptIdInput,
  output: z.enum(RUN_SCRIPT_OUTPUT_MODES).default("wait"),
  args: scriptArgs.default([]),
  timeoutSeconds: scriptTimeout.default(DEFAULT_SCRIPT_TIMEOUT_SECONDS),
});

export type ScriptSummary = z.infer<typeof scriptSummary>;
export type ScriptVersion = z.infer<typeof scriptVersion>;
export type ScriptRun = z.infer<typeof scriptRun>;
export type ScriptDetail = z.infer<typeof scriptDetail>;
export type CreateScriptInput = z.infer<typeof createScriptInput>;
export type UpdateScriptInput = z.infer<typeof updateScriptInput>;
export type RunScriptInput = z.infer<typeof runScriptInput>;
export type RunScriptOnAgentInput = z.infer<typeof runScriptOnAgentInput>;
