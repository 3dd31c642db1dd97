/**
 * Remote shell sessions as the rest of the server sees them: starting and stopping the agent's
 * shell, the transcript (every chunk of a session is a stream row on the session's own topic
 * `shell:<agentId>:<sessionId>`: the agent's output, stored by the gateway, and what users typed,
 * stored here, kept as long as the audit log that links to it), and the audit entries
 * `shell.open` / `shell.close` / `shell.input` that carry the session id.
 */
import { asc, eq } from "drizzle-orm";
import type { CommandWaiters } from "../bus/command-waiters";
import type { TranscriptEntry, TranscriptResult } from "../contracts/shell";
import type { Db } from "../db/client";
import { streamEvents } from "../db/schema";
import { AppError } from "../errors";
import type { ShellPort, ShellSessionManager, ShellSize } from "../shell/session-manager";
import type { StreamHub } from "../streams/hub";
import { publishStreamEvent } from "../streams/publish";
import { streamTopic } from "../streams/topics";
import { findAgentOrThrow, requestAgent } from "./agent-commands";
import { recordAudit } from "./audit";
import type { ServiceContext } from "./service-context";

export type ShellManager = ShellSessionManager<ServiceContext>;

export const shellTopic = (agentId: string, sessionId: string) => streamTopic("shell", agentId, sessionId);

/** Stopping is housekeeping after everyone left: a short wait is enough. */
const STOP_TIMEOUT_MS = 10_000;
export const MAX_TRANSCRIPT_ENTRIES = 20_000;

type StoredShellChunk = { sessionId?: string; stream?: string; output?: string; input?: string; shell?: string; user?: string | null; timestamp?: string };

export function shellPort(deps: { db: Db; hub: Pick<StreamHub, "subscribe">; waiters: () => CommandWaiters }): ShellPort<ServiceContext> {
  return {
    async start(ctx, agentId, sessionId, size) {
      try {
        const { shell } = await ctx.request(agentId, "start-shell", { sessionId, ...definedSize(size) });
        await publishStreamEvent(ctx.db, {
          topic: shellTopic(agentId, sessionId),
          event: "shell-session",
          data: { sessionId, shell, user: ctx.actor.username, timestamp: new Date().toISOString() },
        });
        await ctx.audit({ action: "shell.open", target: agentId, success: true, details: { sessionId, shell } });
        return { shell };
      } catch (error) {
        await ctx.audit({ action: "shell.open", target: agentId, success: false, details: { sessionId, error: error instanceof Error ? error.message : String(error) } });
        throw error;
      }
    },
    async stop(agentId, sessionId) {
      await requestAgent({ db: deps.db, waiters: deps.waiters(), actor: null, timeoutMs: STOP_TIMEOUT_MS }, { agentId, type: "stop-shell", payload: { sessionId } });
    },
    watchExit(agentId, sessionId, onExit) {
      return deps.hub.subscribe(shellTopic(agentId, sessionId), (events) => {
        if (events.some((event) => event.event === "shell" && (event.data as StoredShellChunk).stream === "exit")) onExit();
      });
    },
    async closed(agentId, sessionId, reason) {
      await recordAudit(deps.db, { actor: null, via: null, clientIp: null, action: "shell.close", target: agentId, success: true, details: { sessionId, reason } });
    },
  };
}

function definedSize(size: ShellSize): ShellSize {
  return { ...(size.cols === undefined ? {} : { cols: size.cols }), ...(size.rows === undefined ? {} : { rows: size.rows }) };
}

export async function openShell(ctx: ServiceContext, manager: ShellManager, agentId: string, size: ShellSize) {
  return manager.open(ctx, agentId, size);
}

/**
 * Stores what was typed in the transcript, then hands it to the shell. The agent not knowing the
 * session (it restarted since) closes it here too: 409, and the next open starts a new shell.
 */
export async function sendShellInput(ctx: ServiceContext, manager: ShellManager, agentId: string, input: string) {
  const { sessionId } = manager.current(agentId);
  await publishStreamEvent(ctx.db, {
    topic: shellTopic(agentId, sessionId),
    event: "shell-input",
    data: { sessionId, input, user: ctx.actor.username, timestamp: new Date().toISOString() },
  });
  try {
    return await ctx.request(agentId, "shell-input", { sessionId, data: input });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "NOT_FOUND") throw error;
    await manager.lost(agentId, sessionId);
    throw new AppError("CONFLICT", `The shell session of agent '${agentId}' has ended; open GET /shell/${agentId} again`);
  }
}

/** The open session's terminal follows the dashboard's panel (the latest resize of any viewer wins). */
export async function resizeShell(ctx: ServiceContext, manager: ShellManager, agentId: string, size: { cols: number; rows: number }) {
  const { sessionId } = manager.current(agentId);
  return ctx.request(agentId, "resize-shell", { sessionId, ...size });
}

/** Every chunk of one session, both directions, oldest first (admins; linked from the audit log). */
export async function shellTranscript(db: Db, agentId: string, sessionId: string): Promise<TranscriptResult> {
  await findAgentOrThrow(db, agentId);
  const rows = await db
    .select({ id: streamEvents.id, event: streamEvents.event, data: streamEvents.data, createdAt: streamEvents.createdAt })
    .from(streamEvents)
    .where(eq(streamEvents.topic, shellTopic(agentId, sessionId)))
    .orderBy(asc(streamEvents.id))
    .limit(MAX_TRANSCRIPT_ENTRIES + 1);
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No shell session '${sessionId}' on agent '${agentId}'`);
  const entries = rows.slice(0, MAX_TRANSCRIPT_ENTRIES).map(({ id, event, data, createdAt }) => transcriptEntryOf(id, event, data as StoredShellChunk, createdAt));
  return { agentId, sessionId, entries, truncated: rows.length > MAX_TRANSCRIPT_ENTRIES };
}

function transcriptEntryOf(id: number, event: string, data: StoredShellChunk, createdAt: Date): TranscriptEntry {
  const at = data.timestamp ?? createdAt.toISOString();
  if (event === "shell-input") return { id, at, kind: "input", text: data.input ?? "", user: data.user ?? null };
  if (event === "shell-session") return { id, at, kind: "session", text: data.shell ?? "", user: data.user ?? null };
  if (data.stream === "exit") return { id, at, kind: "exit", text: data.output ?? "" };
  return { id, at, kind: "output", stream: data.stream, text: data.output ?? "" };
}
