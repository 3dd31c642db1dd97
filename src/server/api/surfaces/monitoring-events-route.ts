/**
 * `GET /monitoring/events` (spec 000): the fleet's monitoring events live as SSE, each event named
 * by its type (`alert`, `monitoring-state`, ...) with the payload the history shows. A viewer
 * limited to some clients gets only their agents' events (the set is read when the stream opens).
 */
import { z } from "zod";
import { mayCall } from "../../auth/permissions";
import { getStreamHub } from "../../bus/web-bus";
import { agents } from "../../db/schema";
import { AppError } from "../../errors";
import { MONITORING_TOPIC } from "../../monitoring/events";
import { agentsVisibleTo } from "../../services/tenancy";
import { presentAsStored, streamResponse, type StreamPresenter } from "../../streams/sse-response";
import type { CustomRoute } from "../surface";

const HISTORY_PROCEDURE = "monitoring.history";

export const monitoringEventsRoute: CustomRoute = {
  method: "GET",
  path: "/monitoring/events",
  summary: "Monitoring events as server-sent events (alert, monitoring-state, alert-acknowledged, alert-resolved, ...); reconnect with Last-Event-ID to catch up",
  tag: "Monitoring",
  status: 200,
  kind: "sse",
  access: { procedure: HISTORY_PROCEDURE },
  response: z.string().describe("text/event-stream"),
  handle: async ({ request, principal, context }) => {
    const actor = principal.actor;
    if (!actor) throw new AppError("UNAUTHORIZED", "Sign in first");
    if (!mayCall(actor, HISTORY_PROCEDURE)) throw new AppError("FORBIDDEN", "Your role may not watch monitoring events");
    let present: StreamPresenter = presentAsStored;
    const visible = agentsVisibleTo(actor);
    if (visible) {
      const ids = new Set((await context.db.select({ id: agents.id }).from(agents).where(visible)).map((row) => row.id));
      present = (event) => (ids.has(String((event.data as { agentId?: unknown }).agentId)) ? { event: event.event, data: event.data } : null);
    }
    return streamResponse({ hub: getStreamHub(), topic: MONITORING_TOPIC, signal: request.signal, lastEventId: request.headers.get("last-event-id"), present });
  },
};
