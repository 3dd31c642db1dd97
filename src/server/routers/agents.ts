/** The agents resource on the dashboard and on every REST surface; all of them read one service. */
import { z } from "zod";
import { apiAgentDetailPresenter, apiAgentList } from "../api/presenters/agents-api";
import { spec000AgentList } from "../api/presenters/spec000";
import { v1AgentDetail, v1AgentList } from "../api/presenters/v1";
import { v3AgentDetail, v3AgentList } from "../api/presenters/v3";
import { agentIdFrom, idQuery, v1ListQuery } from "../api/surfaces/list-query";
import { getConfig } from "../config";
import {
  AGENT_UPDATE_RINGS,
  agentActionInput,
  agentIdsInput,
  agentPage,
  agentRecord,
  agentReportInput,
  listAgentsInput,
  movedAgents,
  moveAgentsInput,
  renameAgentInput,
  setTagsInput,
  setUpdateRingInput,
  tagAgentsInput,
  taggedAgents,
  UNINSTALL_OUTCOMES,
} from "../contracts/agents";
import { commandHistory as commandHistoryOutput, queueCommandInput, queuedCommand } from "../contracts/command-queue";
import { invokeActionInput, invokeActionManyInput, invokeActionManyResult, invokeActionResult } from "../contracts/device-actions";
import { registerAgentInput } from "../contracts/enrollment";
import { gatewayUrlFor } from "../services/agent-package";
import { moveAgentsToSite, renameAgent, setAgentTags, tagAgents } from "../services/agent-placement";
import { getAgent, listAgents, recordAgentReport, removeAgent, removeAgents, setUpdateRing } from "../services/agents";
import { invokeAction, invokeActionMany } from "../services/device-actions";
import { commandHistory, queueShellCommand } from "../services/command-queue";
import { createEnrollmentToken } from "../services/enrollment";
import { refreshProcesses } from "../services/processes";
import { adminProcedure, agentProcedure, agentSelfProcedure, operatorProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Agents";

const v1AgentsQuery = v1ListQuery({
  sortBy: {
    hostname: "name",
    status: "status",
    last_seen: "lastSeen",
    os: "os",
    platform: "platform",
    group: "group",
    client: "client",
    site: "site",
    agent_version: "agentVersion",
    created_at: "createdAt",
  },
  filters: {
    status: z.enum(["online", "offline"], { error: "must be online or offline" }).optional(),
    group: z.string().trim().min(1).max(64).optional(),
    hostname: z.string().trim().min(1).max(255).optional(),
    client_id: idQuery("client").optional(),
    site_id: idQuery("site").optional(),
    tag: z.string().trim().min(1).max(64).optional(),
  },
  renameFilters: { client_id: "clientId", site_id: "siteId" },
});

const v3AgentsQuery = z.object({
  hostname: z.string().trim().min(1).max(255).optional(),
  monitoring_type: z.enum(["server", "workstation"], { error: "must be server or workstation" }).optional(),
  client: idQuery("client").optional(),
  site: idQuery("site").optional(),
});

export const agentsRouter = router({
  list: viewerProcedure
    .meta({
      summary: "List agents",
      tag: TAG,
      routes: {
        spec000: { method: "GET", path: "/clients", summary: "Every agent, online and offline (specification 000 calls agents clients here)", input: () => undefined, present: spec000AgentList },
        v1: { method: "GET", path: "/agents/", query: v1AgentsQuery.query, input: v1AgentsQuery.input, present: v1AgentList },
        v3: {
          method: "GET",
          path: "/agents/",
          query: v3AgentsQuery,
          input: ({ query }) => ({ hostname: query.hostname, monitoringType: query.monitoring_type, clientId: query.client, siteId: query.site }),
          present: v3AgentList,
        },
        agents: { method: "GET", path: "/", input: () => undefined, present: apiAgentList },
      },
    })
    .input(listAgentsInput)
    .output(agentPage)
    .query(({ ctx, input }) => listAgents(ctx.service, input)),

  get: agentProcedure("viewer")
    .meta({
      summary: "One agent",
      tag: TAG,
      routes: {
        v1: { method: "GET", path: "/agents/{uuid}", input: agentIdFrom("uuid"), present: v1AgentDetail },
        v3: { method: "GET", path: "/agents/{agent_id}/", input: agentIdFrom("agent_id"), present: v3AgentDetail },
        agents: { method: "GET", path: "/{agent_id}", input: agentIdFrom("agent_id"), present: apiAgentDetailPresenter },
      },
    })
    .output(agentRecord)
    .query(({ ctx }) => getAgent(ctx.db, ctx.agent.id, ctx.actor.userId)),

  remove: agentProcedure("admin")
    .meta({
      summary: "Remove an agent (a connected agent is asked to uninstall itself; then its key is revoked and its connection closed)",
      tag: TAG,
      routes: {
        v1: { method: "DELETE", path: "/agents/{uuid}", input: agentIdFrom("uuid"), present: { schema: z.object({ uuid: z.string() }), present: (out: { agentId: string }) => ({ uuid: out.agentId }) } },
        v3: { method: "DELETE", path: "/agents/{agent_id}/", input: agentIdFrom("agent_id"), present: { schema: z.object({ agent_id: z.string() }), present: (out: { agentId: string }) => ({ agent_id: out.agentId }) } },
        agents: { method: "DELETE", path: "/{agent_id}", input: agentIdFrom("agent_id"), present: { schema: z.object({ status: z.literal("deleted") }), present: () => ({ status: "deleted" }) } },
      },
    })
    .output(z.object({ agentId: z.string(), uninstall: z.enum(UNINSTALL_OUTCOMES) }))
    .mutation(({ ctx }) => removeAgent(ctx.service, ctx.agent.id)),

  setUpdateRing: agentProcedure("admin")
    .meta({ summary: "Put an agent in the pilot or the general self-update ring", tag: TAG })
    .input(setUpdateRingInput)
    .output(z.object({ agentId: z.string(), updateRing: z.enum(AGENT_UPDATE_RINGS) }))
    .mutation(({ ctx, input }) => setUpdateRing(ctx.service, ctx.agent.id, input.ring)),
  removeMany: adminProcedure
    .meta({ summary: "Remove several agents at once (all or none)", tag: TAG })
    .input(z.strictObject({ agentIds: agentIdsInput }))
    .output(z.object({ removed: z.number().int() }))
    .mutation(({ ctx, input }) => removeAgents(ctx.service, input.agentIds)),

  rename: agentProcedure("operator")
    .meta({ summary: "Give an agent a display name (null goes back to its host name)", tag: TAG })
    .input(renameAgentInput)
    .output(z.object({ displayName: z.string().nullable() }))
    .mutation(({ ctx, input }) => renameAgent(ctx.service, input)),

  action: agentProcedure("operator")
    .meta({ summary: "Run an action on an agent", tag: TAG, routes: { v1: { method: "POST", path: "/agents/{uuid}/action", input: agentIdFrom("uuid") } } })
    .input(agentActionInput)
    .output(z.object({ action: z.string(), agent: z.string(), result: z.object({ processes: z.number().int(), collectedAt: z.string() }) }))
    .mutation(async ({ ctx, input }) => {
      // One entry per action; later capabilities add theirs here.
      const { snapshot } = await refreshProcesses(ctx.service, ctx.agent.id);
      return { action: input.action, agent: ctx.agent.id, result: { processes: snapshot.processes.length, collectedAt: snapshot.collectedAt } };
    }),

  invokeAction: agentProcedure("operator")
    .meta({
      summary: "Restart or shut down a device, or restart its agent (invoke-action); answers once the agent has accepted",
      tag: TAG,
      routes: { spec000: { method: "POST", path: "/clients/{agentId}/action" } },
    })
    .input(invokeActionInput)
    .output(invokeActionResult)
    .mutation(({ ctx, input }) => invokeAction(ctx.service, input)),
  invokeActionMany: operatorProcedure
    .meta({ summary: "The same action on several devices: sent to each online one, offline ones skipped", tag: TAG })
    .input(invokeActionManyInput)
    .output(invokeActionManyResult)
    .mutation(({ ctx, input }) => invokeActionMany(ctx.service, input)),

  queueCommand: agentProcedure("operator")
    .meta({
      summary: "Queue a shell command for an agent: delivered when it is (or comes) online; the answer does not wait for it",
      tag: TAG,
      routes: { agents: { method: "POST", path: "/{agent_id}/commands", input: agentIdFrom("agent_id") } },
    })
    .input(queueCommandInput)
    .output(queuedCommand)
    .mutation(({ ctx, input }) => queueShellCommand(ctx.service, input)),

  commandHistory: agentProcedure("viewer")
    .meta({
      summary: "The agent's last 100 commands, newest first, with the output of shell commands",
      tag: TAG,
      routes: { agents: { method: "GET", path: "/{agent_id}/commands", input: agentIdFrom("agent_id") } },
    })
    .output(commandHistoryOutput)
    .query(({ ctx }) => commandHistory(ctx, ctx.agent.id)),

  moveToSite: operatorProcedure
    .meta({ summary: "Move agents to a site (and so to its client)", tag: TAG })
    .input(moveAgentsInput)
    .output(movedAgents)
    .mutation(({ ctx, input }) => moveAgentsToSite(ctx.service, input)),

  setTags: agentProcedure("operator")
    .meta({ summary: "Replace an agent's free-form tags", tag: TAG })
    .input(setTagsInput)
    .output(z.object({ tags: z.array(z.string()) }))
    .mutation(({ ctx, input }) => setAgentTags(ctx.service, input)),

  tag: operatorProcedure
    .meta({ summary: "Add and remove tags on several agents at once", tag: TAG })
    .input(tagAgentsInput)
    .output(taggedAgents)
    .mutation(({ ctx, input }) => tagAgents(ctx.service, input)),

  report: agentSelfProcedure
    .meta({
      summary: "The agent's own heartbeat (X-Agent-Key): load figures and uptime",
      tag: TAG,
      routes: { agents: { method: "POST", path: "/{agent_id}/report", input: agentIdFrom("agent_id") } },
    })
    .input(agentReportInput)
    .output(z.object({ status: z.literal("ok") }))
    .mutation(({ ctx, input }) => recordAgentReport(ctx.db, ctx.agentId, input)),

  register: operatorProcedure
    .meta({
      summary: "Register a new agent: an enrollment token and the gateway URL to give it",
      tag: TAG,
      routes: { v1: { method: "POST", path: "/agents/register", status: 201 } },
    })
    .input(registerAgentInput)
    .output(z.object({ enrollment_token: z.string(), gateway_url: z.string(), expires_at: z.string(), max_uses: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const token = await createEnrollmentToken(ctx.service, input);
      return { enrollment_token: token.token, gateway_url: gatewayUrlFor(getConfig()), expires_at: token.expiresAt.toISOString(), max_uses: token.maxUses };
    }),
});
