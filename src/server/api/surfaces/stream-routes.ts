/**
 * Specification 002's live streams as server-sent events: `/{agent_id}/stream/metrics` and
 * `/{agent_id}/stream/logs`. A browser's EventSource cannot send headers, so besides the usual
 * credentials a stream accepts `?token=` from `POST /{agent_id}/stream-token` (bound to the agent and
 * the stream, 60 s to open it). Either way the stream's procedure runs first as that actor, so role,
 * client scope and the agent's existence are checked as for every request; then the response
 * follows the stream's topic through the hub, with Last-Event-ID replay and heartbeats.
 */
import type { z } from "zod";
import { getStreamTokenKey, verifyStreamToken, type StreamTokenKind } from "../../auth/stream-tokens";
import { getLogFollows, getStreamHub } from "../../bus/web-bus";
import { logEvent, logStreamQuery, metricsEvent, metricsStreamQuery } from "../../contracts/streams";
import { AppError } from "../../errors";
import { createCaller } from "../../routers";
import { streamTokenActor } from "../../services/stream-access";
import type { StreamPresenter } from "../../streams/sse-response";
import { streamResponse } from "../../streams/sse-response";
import { zodIssuesToFields } from "../../validation";
import type { CustomRoute, CustomRouteContext } from "../surface";

const TAG = "Streams";

/** The caller a stream runs its check as: the stream token's actor, else the request's own credentials. */
async function streamCaller(route: CustomRouteContext, stream: StreamTokenKind): Promise<ReturnType<typeof createCaller>> {
  const token = route.query.get("token");
  if (!token) {
    if (!route.principal.actor) throw new AppError("UNAUTHORIZED", `Sign in, or open the stream with ?token= from POST /api/agents/{agent_id}/stream-token`);
    return route.caller;
  }
  const claims = verifyStreamToken(getStreamTokenKey(), token, { agentId: route.params.agent_id ?? "", stream }, new Date());
  const actor = claims ? await streamTokenActor(route.context.db, claims) : null;
  if (!actor) throw new AppError("UNAUTHORIZED", `Invalid or expired ${stream} stream token for this agent`);
  return createCaller({ ...route.context, actor });
}

function parseQuery<T extends z.ZodType>(schema: T, query: URLSearchParams): z.output<T> {
  const parsed = schema.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw new AppError("BAD_REQUEST", "Invalid query", { details: zodIssuesToFields(parsed.error) });
  return parsed.data;
}

const lastEventIdOf = (route: CustomRouteContext) => route.request.headers.get("last-event-id") ?? route.query.get("lastEventId");

type StoredSample = { agentId: string; at: string; cpuPercent: number; memoryPercent: number; diskPercent: number; network: { rxBytesPerSec: number; txBytesPerSec: number } };

/** Stored samples in specification 002's field names. */
export const presentMetrics: StreamPresenter = ({ event, data }) => {
  if (event !== "metrics") return null;
  const sample = data as StoredSample;
  return {
    event,
    data: {
      agent_id: sample.agentId,
      timestamp: sample.at,
      cpu_percent: sample.cpuPercent,
      mem_percent: sample.memoryPercent,
      disk_percent: sample.diskPercent,
      net_rx_bytes_per_sec: sample.network.rxBytesPerSec,
      net_tx_bytes_per_sec: sample.network.txBytesPerSec,
    } satisfies z.infer<typeof metricsEvent>,
  };
};

export const metricsStreamRoute: CustomRoute = {
  method: "GET",
  path: "/{agent_id}/stream/metrics",
  summary: "Live metrics (SSE `metrics` events): the latest sample first, then each one the agent reports",
  description: "Credentials: the session cookie, a bearer token or an API key, or `?token=` from `POST /api/agents/{agent_id}/stream-token` (stream `metrics`). Resumes after `Last-Event-ID`.",
  tag: TAG,
  status: 200,
  kind: "sse",
  access: { procedure: "streams.openMetrics" },
  query: metricsStreamQuery,
  response: metricsEvent,
  handle: async (route) => {
    parseQuery(metricsStreamQuery, route.query);
    const caller = await streamCaller(route, "metrics");
    const { topic } = await caller.streams.openMetrics({ agentId: route.params.agent_id ?? "" });
    return streamResponse({ hub: getStreamHub(), topic, signal: route.request.signal, lastEventId: lastEventIdOf(route), recent: 1, present: presentMetrics });
  },
};

export const logStreamRoute: CustomRoute = {
  method: "GET",
  path: "/{agent_id}/stream/logs",
  summary: "Follow a log live (SSE `log` events with the lines read together; `end` when the endpoint stopped it): the journal (optionally one unit) or a text file",
  description:
    "Credentials as for the metrics stream (stream token kind `logs`). The first viewer starts `journalctl -f` or a tail on the agent; viewers of the same log share it; it stops shortly after the last one leaves. Fails with the agent's reason when it cannot start (no journal on this machine, no such file, journald on Windows).",
  tag: TAG,
  status: 200,
  kind: "sse",
  access: { procedure: "streams.openLogs" },
  query: logStreamQuery,
  response: logEvent,
  handle: async (route) => {
    const { source, unit, path } = parseQuery(logStreamQuery, route.query);
    const caller = await streamCaller(route, "logs");
    const { agentId } = await caller.streams.openLogs({ agentId: route.params.agent_id ?? "", source, ...(unit ? { unit } : {}), ...(path ? { path } : {}) });
    const follow = await getLogFollows().join({ agentId, source, unit, path });
    return streamResponse({ hub: getStreamHub(), topic: follow.topic, signal: route.request.signal, lastEventId: lastEventIdOf(route), recent: 20, onClose: follow.leave });
  },
};
