/**
 * Specification 000's shell routes, which are not plain procedure calls: `GET /shell/{agentId}` is
 * a server-sent-event stream (opening it opens or joins the agent's shell session; leaving it lets
 * the session go once nobody watches), and `POST /shell/{agentId}/input` takes the typed text as
 * the raw request body, as the reference server does. Both call the shell procedures, which check
 * the role, the client scope and the agent.
 */
import { z } from "zod";
import { MAX_SHELL_INPUT_CHARS, openShellInput } from "../../contracts/shell";
import { getStreamHub } from "../../bus/web-bus";
import { shellTopic } from "../../services/shell";
import { getShellSessions } from "../../shell/web-shell";
import { streamResponse } from "../../streams/sse-response";
import { readTextBody } from "../request-body";
import type { CustomRoute } from "../surface";

const TAG = "Shell";
/** A new viewer (a reload, a second technician) first sees this many of the session's latest chunks. */
export const SHELL_RECENT_CHUNKS = 500;

export const shellEvent = z.object({
  output: z.string(),
  stream: z.enum(["stdout", "stderr", "exit"]),
  timestamp: z.string(),
  sessionId: z.string(),
});

const shellQuery = openShellInput.pick({ cols: true, rows: true }).extend({ lastEventId: z.string().optional() });

export const shellRoutes: CustomRoute[] = [
  {
    method: "GET",
    path: "/shell/{agentId}",
    summary: "The device's shell as server-sent events (`shell`: output, stream, timestamp); opens the session for the first viewer (start-shell)",
    description:
      "Viewers share one session per device; it is stopped (stop-shell) when the last viewer has been gone for a few seconds, or ends when the shell exits " +
      "(a `shell` event with stream `exit`). Also sent: `shell-session` (the session started: shell, user) and `shell-input` (what someone typed). " +
      "Reconnect with `Last-Event-ID` (or `?lastEventId=`) to be replayed what was missed. `cols`/`rows` size the terminal of a new session.",
    tag: TAG,
    status: 200,
    kind: "sse",
    access: { procedure: "shell.open" },
    // It starts a shell: a link on another site must not.
    changesState: true,
    query: shellQuery,
    response: shellEvent,
    handle: async ({ request, params, query, caller }) => {
      // The procedure validates (and coerces) the size.
      const opened = await caller.shell.open({ agentId: params.agentId!, cols: query.get("cols") ?? undefined, rows: query.get("rows") ?? undefined });
      const agentId = params.agentId!.trim();
      return streamResponse({
        hub: getStreamHub(),
        topic: shellTopic(agentId, opened.sessionId),
        signal: request.signal,
        lastEventId: request.headers.get("last-event-id") ?? query.get("lastEventId"),
        recent: SHELL_RECENT_CHUNKS,
        onClose: getShellSessions().attach(agentId, opened.sessionId),
      });
    },
  },
  {
    method: "POST",
    path: "/shell/{agentId}/input",
    summary: "Text typed into the device's open shell (shell-input): the raw request body, any content type; 204",
    description: `The body is passed to the shell as-is (at most ${MAX_SHELL_INPUT_CHARS} characters; send a newline to run a line) and kept in the session's transcript. 409 when no session is open.`,
    tag: TAG,
    status: 204,
    kind: "json",
    access: { procedure: "shell.input" },
    // A raw-text body is what a cross-site form can send (JSON routes refuse it by content type).
    changesState: true,
    handle: async ({ request, params, caller }) => {
      // Four bytes per character at most: the procedure then counts the characters.
      const input = await readTextBody(request, MAX_SHELL_INPUT_CHARS * 4);
      await caller.shell.input({ agentId: params.agentId!, input });
      return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    },
  },
];
