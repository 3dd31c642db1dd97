/**
 * Remote shell procedures (specification 000, "Shell"). The stream itself (`GET /shell/{agentId}`)
 * and the raw-text input are custom routes (src/server/api/surfaces/spec000-shell.ts) that call
 * these, so the role, the client scope and the agent lookup are checked here once. Operator, not
 * viewer as the specification says: a shell runs code on the endpoint (docs/compat.md).
 */
import { openShellInput, openShellResult, resizeShellInput, resizeShellResult, shellInputInput, shellInputResult, transcriptInput, transcriptResult } from "../contracts/shell";
import { openShell, resizeShell, sendShellInput, shellTranscript } from "../services/shell";
import { getShellSessions } from "../shell/web-shell";
import { adminProcedure, agentProcedure, router } from "../trpc";

const TAG = "Shell";

export const shellRouter = router({
  open: agentProcedure("operator")
    .meta({ summary: "Opens the device's shell session, or joins the one open (start-shell)", tag: TAG })
    .input(openShellInput)
    .output(openShellResult)
    .mutation(({ ctx, input }) => openShell(ctx.service, getShellSessions(), ctx.agent.id, { cols: input.cols, rows: input.rows })),
  input: agentProcedure("operator")
    .meta({ summary: "Text typed into the open shell session (shell-input)", tag: TAG })
    .input(shellInputInput)
    .output(shellInputResult)
    .mutation(({ ctx, input }) => sendShellInput(ctx.service, getShellSessions(), ctx.agent.id, input.input)),
  resize: agentProcedure("operator")
    .meta({
      summary: "The open shell's terminal size follows the dashboard's panel (resize-shell); resized false on pipes",
      tag: TAG,
      routes: { spec000: { method: "POST", path: "/shell/{agentId}/resize" } },
    })
    .input(resizeShellInput)
    .output(resizeShellResult)
    .mutation(({ ctx, input }) => resizeShell(ctx.service, getShellSessions(), ctx.agent.id, { cols: input.cols, rows: input.rows })),
  transcript: adminProcedure
    .meta({
      summary: "The whole transcript of one shell session: what was typed and what the shell printed (linked from the audit log)",
      tag: TAG,
      routes: { spec000: { method: "GET", path: "/shell/{agentId}/sessions/{sessionId}/transcript" } },
    })
    .input(transcriptInput)
    .output(transcriptResult)
    .query(({ ctx, input }) => shellTranscript(ctx.db, input.agentId, input.sessionId)),
});
