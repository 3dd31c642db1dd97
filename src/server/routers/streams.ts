/**
 * Specification 002's live streams of one agent: minting the short-lived token an EventSource puts
 * in `?token=`, and the checks behind opening each stream (role, client scope, the agent exists).
 * The streams themselves are server-sent-event routes (api/surfaces/stream-routes.ts) that call
 * these procedures first, so a stream is refused exactly as any other request would be.
 */
import { z } from "zod";
import { agentIdFrom } from "../api/surfaces/list-query";
import { createStreamTokenInput, openLogStreamInput, STREAM_ROLES, streamToken } from "../contracts/streams";
import { mintStreamToken } from "../services/stream-access";
import { streamTopic } from "../streams/topics";
import { agentProcedure, router } from "../trpc";

const TAG = "Streams";

export const streamsRouter = router({
  createToken: agentProcedure("viewer")
    .meta({
      summary: "A stream token for one live stream of this agent (metrics: viewer; logs: operator), valid for 60 s to open it with ?token=",
      tag: TAG,
      routes: { agents: { method: "POST", path: "/{agent_id}/stream-token", input: agentIdFrom("agent_id") } },
    })
    .input(createStreamTokenInput)
    .output(streamToken)
    .mutation(({ ctx, input }) => mintStreamToken(ctx.service, ctx.agent.id, input.stream)),

  openMetrics: agentProcedure(STREAM_ROLES.metrics)
    .meta({ summary: "May this actor watch the agent's live metrics (the metrics stream's check)", tag: TAG })
    .output(z.object({ topic: z.string() }))
    .query(({ ctx }) => ({ topic: streamTopic("metrics", ctx.agent.id) })),

  openLogs: agentProcedure(STREAM_ROLES.logs)
    .meta({ summary: "May this actor follow a log of the agent (the log stream's check); audited", tag: TAG })
    .input(openLogStreamInput)
    .output(z.object({ agentId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const { agentId: _agentId, ...what } = input;
      await ctx.service.audit({ action: "agent.logs.stream", target: ctx.agent.id, details: what });
      return { agentId: ctx.agent.id };
    }),
});
