/**
 * The script library as each REST surface names it: the reference server's `{ triggered, missing }`
 * for `POST /scripts/run` (spec 000), Tactical RMM's `{ id, name, shell, description }` and
 * runscript answer (spec 003), SlimRMM's paginated lists (spec 001).
 */
import { z } from "zod";
import type { ScriptRun, ScriptSummary } from "../../contracts/scripts";
import type { Presenter, RouteRequest } from "../route-types";
import { numericParam } from "../surfaces/list-query";
import { v1Page } from "./v1";

type RunMany = { scriptName: string; runs: ScriptRun[]; missing: string[] };

export const spec000ScriptRun: Presenter<RunMany> = {
  schema: z.object({ triggered: z.array(z.string()), missing: z.array(z.string()), runs: z.array(z.object({ id: z.number().int(), agentId: z.string(), status: z.string() })) }),
  present: (out) => ({ triggered: out.runs.map((run) => run.agentId), missing: out.missing, runs: out.runs.map((run) => ({ id: run.id, agentId: run.agentId, status: run.status })) }),
};

const v3Script = z.object({ id: z.number().int(), name: z.string(), shell: z.string(), description: z.string() });
const toV3Script = (script: ScriptSummary) => ({ id: script.id, name: script.name, shell: script.language, description: script.description });
export const v3ScriptList: Presenter<ScriptSummary[]> = { schema: z.array(v3Script), present: (list) => list.map(toV3Script) };
export const v3ScriptDetail: Presenter<ScriptSummary> = { schema: v3Script, present: toV3Script };

const objectBody = (body: unknown): Record<string, unknown> => (body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {});

export const v3CreateScriptBody = z.object({ name: z.string(), shell: z.enum(["powershell", "python", "bash", "cmd"]).optional(), description: z.string().optional(), code: z.string() });
export function v3CreateScriptInput({ body }: RouteRequest) {
  const { name, shell, description, code } = objectBody(body);
  return { name, language: shell, description, content: code };
}

export const v3RunScriptBody = z.object({
  script: z.number().int().describe("id from GET /api/v3/scripts/"),
  output: z.enum(["wait", "forget", "collector"]).optional(),
  args: z.array(z.string()).optional(),
  timeout: z.number().int().max(300).optional().describe("seconds, at most 300"),
});
export function v3RunScriptInput({ params, body }: RouteRequest) {
  const { script, output, args, timeout } = objectBody(body);
  return { agentId: params.agent_id, scriptId: script, output, args, timeoutSeconds: timeout };
}

/** `wait` and `collector` answer with the result; `forget` with Tactical RMM's sentence. */
export const v3RunScriptResult: Presenter<{ output: "wait" | "forget" | "collector"; run: ScriptRun }> = {
  schema: z.union([z.object({ execution_time: z.string(), retcode: z.number().int().nullable(), stdout: z.string(), stderr: z.string() }), z.string()]),
  present: ({ output, run }) =>
    output === "forget"
      ? `${run.scriptName} will now be run on ${run.agentName}`
      : { execution_time: ((run.durationMs ?? 0) / 1000).toFixed(2), retcode: run.exitCode, stdout: run.stdout ?? "", stderr: run.stderr ?? run.error ?? "" },
};

const v1Script = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  language: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  requires_approval: z.boolean(),
  approval: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
const toV1Script = (script: ScriptSummary): z.infer<typeof v1Script> => ({
  id: script.id,
  name: script.name,
  description: script.description,
  language: script.language,
  version: script.version,
  sha256: script.sha256,
  requires_approval: script.requiresApproval,
  approval: script.approval,
  created_at: script.createdAt,
  updated_at: script.updatedAt,
});
/** The whole library in one page: it is small, and the reference documents no filters for it. */
export const v1ScriptList: Presenter<ScriptSummary[]> = {
  schema: v1Page(v1Script),
  present: (list) => ({ items: list.map(toV1Script), total: list.length, page: 1, per_page: list.length, pages: 1 }),
};
export const v1ScriptDetail: Presenter<ScriptSummary> = { schema: v1Script, present: toV1Script };

export const v1ExecuteScriptBody = z.object({ agent_ids: z.array(z.string()), args: z.array(z.string()).optional(), timeout: z.number().int().max(300).optional() });
export function v1ExecuteScriptInput({ params, body }: RouteRequest) {
  const { agent_ids, args, timeout } = objectBody(body);
  return { scriptId: numericParam(params.id), agentIds: agent_ids, args, timeoutSeconds: timeout };
}

const v1Run = z.object({
  id: z.number().int(),
  agent_uuid: z.string(),
  status: z.string(),
  exit_code: z.number().int().nullable(),
  stdout: z.string().nullable(),
  stderr: z.string().nullable(),
  error: z.string().nullable(),
  sha256: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});
export const v1ScriptExecution: Presenter<RunMany> = {
  schema: z.object({ script: z.string(), runs: z.array(v1Run), missing: z.array(z.string()) }),
  present: (out) => ({
    script: out.scriptName,
    missing: out.missing,
    runs: out.runs.map((run) => ({
      id: run.id,
      agent_uuid: run.agentId,
      status: run.status,
      exit_code: run.exitCode,
      stdout: run.stdout,
      stderr: run.stderr,
      error: run.error,
      sha256: run.sha256,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
    })),
  }),
};
