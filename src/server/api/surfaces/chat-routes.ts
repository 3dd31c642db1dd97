/**
 * `GET /chat/{agentId}/events`: the device's conversation as server-sent `chat` events (a new
 * viewer first gets the recent history, a reconnecting one what it missed after its
 * Last-Event-ID), or, for a client that does not ask for `text/event-stream`, the same messages as
 * a JSON list to poll (`?after=<id>` for the ones after the last seen). Either way the role and the
 * device's visibility are those of `chat.history`.
 */
import { z } from "zod";
import { getStreamHub } from "../../bus/web-bus";
import { CHAT_HISTORY_LIMIT, chatEvent, chatHistoryInput } from "../../contracts/chat";
import { chatTopic } from "../../services/chat";
import { streamResponse } from "../../streams/sse-response";
import type { CustomRoute } from "../surface";

const pollQuery = chatHistoryInput.omit({ agentId: true }).extend({ lastEventId: z.string().optional() });

export const chatEventsRoute: CustomRoute = {
  method: "GET",
  path: "/chat/{agentId}/events",
  summary: "The device's chat: SSE `chat` events with Last-Event-ID replay and the recent history first; a JSON list (pollable with ?after=) without Accept: text/event-stream",
  tag: "Chat",
  status: 200,
  kind: "sse",
  access: { procedure: "chat.history" },
  query: pollQuery,
  response: chatEvent,
  handle: async ({ request, params, query, caller }) => {
    const agentId = params.agentId!;
    if (!request.headers.get("accept")?.includes("text/event-stream")) {
      const after = query.get("after");
      const limit = query.get("limit");
      // NaN from a malformed number is refused by the procedure's schema, naming the field.
      return { payload: await caller.chat.history({ agentId, ...(after === null ? {} : { after: Number(after) }), ...(limit === null ? {} : { limit: Number(limit) }) }) };
    }
    // The procedure checks role and visibility and names the device's canonical id.
    const { agentId: id } = await caller.chat.unread({ agentId });
    return streamResponse({
      hub: getStreamHub(),
      topic: chatTopic(id),
      signal: request.signal,
      lastEventId: request.headers.get("last-event-id") ?? query.get("lastEventId"),
      recent: CHAT_HISTORY_LIMIT,
    });
  },
};
