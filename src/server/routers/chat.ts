/**
 * Chat procedures (specification 000, "Chat endpoints"). Sending is an operator's right: a message
 * appears on the endpoint user's screen in the organisation's name (the specification says viewer;
 * docs/compat.md). Reading, following and marking read are a viewer's. `GET /chat/{agentId}/events`
 * is a custom route (src/server/api/surfaces/chat-routes.ts) sharing `history`'s role.
 */
import { agentRef } from "../contracts/agents";
import { chatHistory as chatHistoryOutput, chatHistoryInput, chatSent, chatUnread, sendChatInput } from "../contracts/chat";
import { chatHistory, markChatRead, sendChatMessage, unreadChatCount } from "../services/chat";
import { agentProcedure, router } from "../trpc";

const TAG = "Chat";

export const chatRouter = router({
  send: agentProcedure("operator")
    .meta({ summary: "Send a message to the device's user (chat-request); 202 with its sessionId once the agent has it", tag: TAG, routes: { spec000: { method: "POST", path: "/chat/{agentId}/message", status: 202 } } })
    .input(sendChatInput)
    .output(chatSent)
    .mutation(({ ctx, input }) => sendChatMessage(ctx.service, ctx.agent.id, input.text)),
  read: agentProcedure("viewer")
    .meta({ summary: "Mark the device's conversation read for the caller (its unread counter goes to 0); 204", tag: TAG, routes: { spec000: { method: "POST", path: "/chat/{agentId}/read", status: 204 } } })
    .input(agentRef)
    .output(chatUnread)
    .mutation(({ ctx }) => markChatRead(ctx.service, ctx.agent.id)),
  history: agentProcedure("viewer")
    .meta({ summary: "The conversation, oldest first (the latest messages, or those after a stream id)", tag: TAG })
    .input(chatHistoryInput)
    .output(chatHistoryOutput)
    .query(({ ctx, input }) => chatHistory(ctx.db, ctx.agent.id, input)),
  unread: agentProcedure("viewer")
    .meta({ summary: "How many messages from the device's user the caller has not read", tag: TAG })
    .input(agentRef)
    .output(chatUnread)
    .query(async ({ ctx }) => ({ agentId: ctx.agent.id, unread: await unreadChatCount(ctx.db, ctx.actor.userId, ctx.agent.id) })),
});
