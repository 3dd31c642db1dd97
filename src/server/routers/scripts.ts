/**
 * The script library (spec 000 "Scripts", spec 003 9.4, spec 001 "Scripts"): viewers read it,
 * admins write and approve it, operators run it (a script runs code on endpoints). Runs are
 * confined to the agents the actor may see by the authorization middleware (`agentId`/`agentIds`).
 */
import { z } from "zod";
import {
  spec000ScriptRun,
  v1ExecuteScriptBody,
  v1ExecuteScriptInput,
  v1ScriptDetail,
  v1ScriptExecution,
  v1ScriptList,
  v3CreateScriptBody,
  v3CreateScriptInput,
  v3RunScriptBody,
  v3RunScriptInput,
  v3RunScriptResult,
  v3ScriptDetail,
  v3ScriptList,
} from "../api/presenters/scripts";
import {
  approveScriptInput,
  createScriptInput,
  DEFAULT_SCRIPT_TIMEOUT_SECONDS,
  RUN_SCRIPT_OUTPUT_MODES,
  runScriptByNameInput,
  runScriptInput,
  runScriptOnAgentInput,
  scriptDetail,
  scriptIdInput,
  scriptNameInput,
  scriptRun,
  scriptSummary,
  scriptVersion,
  updateScriptInput,
} from "../contracts/scripts";
import { runScriptOnAgent, runScriptOnAgents } from "../services/script-runs";
import { approveScriptVersion, createScript, getScript, getScriptContent, listScripts, updateScript } from "../services/scripts";
import { adminProcedure, agentProcedure, operatorProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Scripts";
const runMany = z.object({ scriptName: z.string(), runs: z.array(scriptRun), missing: z.array(z.string()) });

export const scriptsRouter = router({
  list: viewerProcedure
    .meta({
      summary: "The script library with each script's current version and its approval state",
      tag: TAG,
      routes: {
        spec000: [
          { method: "GET", path: "/scripts" },
          { method: "GET", path: "/remediation/scripts", summary: "The scripts an alert profile may name for remediation (the whole library)" },
        ],
        v3: { method: "GET", path: "/scripts/", present: v3ScriptList },
        v1: { method: "GET", path: "/scripts/", present: v1ScriptList },
      },
    })
    .output(z.array(scriptSummary))
    .query(({ ctx }) => listScripts(ctx.service)),

  get: viewerProcedure
    .meta({ summary: "A script with its content, versions and latest runs", tag: TAG })
    .input(z.strictObject({ scriptId: scriptIdInput }))
    .output(scriptDetail)
    .query(({ ctx, input }) => getScript(ctx.service, input.scriptId)),

  content: viewerProcedure
    .meta({ summary: "The current content of a script, by name", tag: TAG, routes: { spec000: { method: "GET", path: "/scripts/{name}/content" } } })
    .input(z.strictObject({ name: scriptNameInput }))
    .output(z.object({ name: z.string(), content: z.string() }))
    .query(({ ctx, input }) => getScriptContent(ctx.service, input.name)),

  create: adminProcedure
    .meta({
      summary: "Add a script (its version 1); 409 when the name is taken",
      tag: TAG,
      routes: {
        spec000: { method: "POST", path: "/scripts", status: 201 },
        v3: { method: "POST", path: "/scripts/", status: 201, input: v3CreateScriptInput, body: v3CreateScriptBody, present: v3ScriptDetail },
        v1: { method: "POST", path: "/scripts/", status: 201, present: v1ScriptDetail },
      },
    })
    .input(createScriptInput)
    .output(scriptSummary)
    .mutation(({ ctx, input }) => createScript(ctx.service, input)),

  update: adminProcedure
    .meta({ summary: "Change a script: new content or language makes a new version (to approve again when the script requires approval)", tag: TAG })
    .input(updateScriptInput)
    .output(scriptSummary)
    .mutation(({ ctx, input }) => updateScript(ctx.service, input)),

  approve: adminProcedure
    .meta({ summary: "Approve a script version written by another admin (four-eyes)", tag: TAG })
    .input(approveScriptInput)
    .output(scriptVersion)
    .mutation(({ ctx, input }) => approveScriptVersion(ctx.service, input)),

  run: operatorProcedure
    .meta({
      summary: "Run a script's current version on several agents and wait for every result",
      tag: TAG,
      routes: { v1: { method: "POST", path: "/scripts/{id}/execute", input: v1ExecuteScriptInput, body: v1ExecuteScriptBody, present: v1ScriptExecution } },
    })
    .input(runScriptInput)
    .output(runMany)
    .mutation(({ ctx, input }) => runScriptOnAgents(ctx.service, { script: input.scriptId, agentIds: input.agentIds, args: input.args, timeoutSeconds: input.timeoutSeconds, wait: true })),

  runByName: operatorProcedure
    .meta({
      summary: "Start a script on several agents by name; answers at once (202) with the agents it started on and the unknown ones",
      tag: TAG,
      routes: { spec000: { method: "POST", path: "/scripts/run", status: 202, present: spec000ScriptRun } },
    })
    .input(runScriptByNameInput)
    .output(runMany)
    .mutation(({ ctx, input }) =>
      runScriptOnAgents(ctx.service, { script: input.scriptName, agentIds: input.agentIds, args: [], timeoutSeconds: DEFAULT_SCRIPT_TIMEOUT_SECONDS, wait: false }),
    ),

  runOnAgent: agentProcedure("operator")
    .meta({
      summary: "Run a script on one agent: `wait` (and `collector`) answer with its exit code and output, `forget` at once",
      tag: TAG,
      routes: { v3: { method: "POST", path: "/agents/{agent_id}/runscript/", input: v3RunScriptInput, body: v3RunScriptBody, present: v3RunScriptResult } },
    })
    .input(runScriptOnAgentInput)
    .output(z.object({ output: z.enum(RUN_SCRIPT_OUTPUT_MODES), run: scriptRun }))
    .mutation(async ({ ctx, input }) => ({
      output: input.output,
      run: await runScriptOnAgent(ctx.service, { scriptId: input.scriptId, agentId: ctx.agent.id, args: input.args, timeoutSeconds: input.timeoutSeconds, wait: input.output !== "forget" }),
    })),
});
