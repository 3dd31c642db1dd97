/**
 * The web process's shell sessions: at most one per agent, shared by everyone watching it. The
 * first viewer's open starts the shell on the agent; later viewers join it; when the last viewer
 * leaves, the shell is stopped after a grace period, so a page reload (leave, then open again a
 * moment later) keeps the shell and what runs in it. A session nobody attaches to (opened without
 * a stream) is stopped after the same grace period. A shell that ends by itself (`exit`) closes
 * the session; the next open starts a new one. Everything that talks to the agent, the streams or
 * the audit log goes through the injected port, so this file is pure bookkeeping.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "../errors";

export type ShellSize = { cols?: number; rows?: number };
export type CloseReason = "last viewer left" | "shell exited" | "agent lost the shell";

/** What a session needs from the rest of the server; `opener` is the opening request's own context. */
export interface ShellPort<Opener> {
  start(opener: Opener, agentId: string, sessionId: string, size: ShellSize): Promise<{ shell: string }>;
  stop(agentId: string, sessionId: string): Promise<void>;
  /** Calls back once the agent reports the shell's end; resolves with an unsubscribe. */
  watchExit(agentId: string, sessionId: string, onExit: () => void): Promise<() => void>;
  closed(agentId: string, sessionId: string, reason: CloseReason): Promise<void>;
}

export type Timers = { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle as NodeJS.Timeout) };

/** Long enough for a reload (or EventSource's own reconnect after 3 s), short enough to free an abandoned shell soon. */
export const DEFAULT_GRACE_MS = 10_000;

type Session = {
  agentId: string;
  sessionId: string;
  shell?: string;
  viewers: number;
  grace?: unknown;
  closed: boolean;
  ready: Promise<void>;
  unwatch?: () => void;
};

export type OpenSession = { sessionId: string; shell: string; started: boolean };

export class ShellSessionManager<Opener> {
  private readonly sessions = new Map<string, Session>();
  private readonly timers: Timers;
  private readonly graceMs: number;
  private readonly newId: () => string;

  constructor(
    private readonly port: ShellPort<Opener>,
    options: { graceMs?: number; timers?: Timers; newId?: () => string } = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.newId = options.newId ?? randomUUID;
  }

  /** The open session of an agent, starting one when there is none (errors of the start propagate: 503, 504). */
  async open(opener: Opener, agentId: string, size: ShellSize = {}): Promise<OpenSession> {
    const existing = this.sessions.get(agentId);
    if (existing) {
      await existing.ready;
      if (!existing.closed) return { sessionId: existing.sessionId, shell: existing.shell!, started: false };
    }
    const session: Session = { agentId, sessionId: this.newId(), viewers: 0, closed: false, ready: Promise.resolve() };
    this.sessions.set(agentId, session);
    session.ready = this.start(opener, session, size);
    try {
      await session.ready;
    } catch (error) {
      if (this.sessions.get(agentId) === session) this.sessions.delete(agentId);
      session.closed = true;
      throw error;
    }
    return { sessionId: session.sessionId, shell: session.shell!, started: true };
  }

  /** A viewer of `sessionId` arrived; call the answer when it leaves. Viewing a closed session holds nothing. */
  attach(agentId: string, sessionId: string): () => void {
    const session = this.sessions.get(agentId);
    if (!session || session.closed || session.sessionId !== sessionId) return () => {};
    session.viewers += 1;
    this.cancelGrace(session);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      session.viewers -= 1;
      if (session.viewers === 0 && !session.closed) this.armGrace(session);
    };
  }

  /** The session input goes to; 409 when none is open (the shell exited, or nobody opened one). */
  current(agentId: string): { sessionId: string } {
    const session = this.sessions.get(agentId);
    if (!session || session.closed || session.shell === undefined) {
      throw new AppError("CONFLICT", `No shell session is open for agent '${agentId}'; open GET /shell/${agentId} first`);
    }
    return { sessionId: session.sessionId };
  }

  viewers(agentId: string): number {
    return this.sessions.get(agentId)?.viewers ?? 0;
  }

  /** The agent no longer knows the session (it restarted): forget it without a stop. */
  async lost(agentId: string, sessionId: string): Promise<void> {
    const session = this.sessions.get(agentId);
    if (session?.sessionId === sessionId) await this.close(session, "agent lost the shell");
  }

  private async start(opener: Opener, session: Session, size: ShellSize): Promise<void> {
    const { shell } = await this.port.start(opener, session.agentId, session.sessionId, size);
    session.shell = shell;
    const unwatch = await this.port.watchExit(session.agentId, session.sessionId, () => void this.close(session, "shell exited"));
    if (session.closed) unwatch();
    else session.unwatch = unwatch;
    // Nobody may ever attach (a reload that never came back, an open without a stream).
    if (session.viewers === 0 && !session.closed) this.armGrace(session);
  }

  private armGrace(session: Session): void {
    this.cancelGrace(session);
    session.grace = this.timers.set(() => {
      session.grace = undefined;
      if (session.viewers === 0) void this.close(session, "last viewer left");
    }, this.graceMs);
  }

  private cancelGrace(session: Session): void {
    if (session.grace === undefined) return;
    this.timers.clear(session.grace);
    session.grace = undefined;
  }

  private async close(session: Session, reason: CloseReason): Promise<void> {
    if (session.closed) return;
    session.closed = true;
    this.cancelGrace(session);
    session.unwatch?.();
    if (this.sessions.get(session.agentId) === session) this.sessions.delete(session.agentId);
    try {
      if (reason === "last viewer left") await this.port.stop(session.agentId, session.sessionId);
    } catch (error) {
      // The agent went offline or restarted: its shell is gone with it.
      console.warn(`[shell] could not stop session ${session.sessionId} of ${session.agentId}:`, error instanceof Error ? error.message : error);
    }
    try {
      await this.port.closed(session.agentId, session.sessionId, reason);
    } catch (error) {
      console.error(`[shell] could not record the end of session ${session.sessionId}:`, error);
    }
  }
}
