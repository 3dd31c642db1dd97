/**
 * The agent's open shells, keyed by the server's session id: each is a child process (see plan.ts)
 * whose output goes out as `shell-output` messages through the command context, coalesced, and
 * whose end is reported once as an `exit` chunk. Several sessions may be open at once (one per
 * server-side session; past a limit the oldest is ended); every one is ended when the agent stops. Stopping sends the
 * group SIGHUP first (script ends, and the pty hangs up its shell) and SIGKILL if that is ignored.
 */
import type { ChildProcess } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import type { ShellOutputMessage } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import type { CommandContext } from "../../commands/command-context";
import { killProcessGroup, killWindowsTree, type Spawner } from "../../platform/kill-tree";
import { OutputCoalescer, realTimers, type Timers } from "./coalescer";
import type { ShellPlan, ShellSize } from "./plan";

export const MAX_SESSIONS = 8;
/** How long a stopped shell has to end on the polite signal before it is killed. */
export const STOP_GRACE_MS = 2_000;

type Session = { child: ChildProcess; plan: ShellPlan; killTimer?: unknown };

export type ShellSessionOptions = {
  plan: (size: ShellSize) => ShellPlan;
  spawner: Spawner;
  timers?: Timers;
  coalesceMs?: number;
  now?: () => Date;
};

export class ShellSessions {
  private readonly sessions = new Map<string, Session>();
  private abortHooked = false;

  constructor(private readonly options: ShellSessionOptions) {}

  get size(): number {
    return this.sessions.size;
  }

  start(sessionId: string, size: ShellSize, context: CommandContext): { sessionId: string; shell: string } {
    const existing = this.sessions.get(sessionId);
    // A repeated start (the server retried) answers for the shell already running.
    if (existing) return { sessionId, shell: existing.plan.description };
    // A server that restarted forgets its sessions without stopping them: the oldest makes room.
    if (this.sessions.size >= MAX_SESSIONS) this.terminate(this.sessions.values().next().value!);
    this.hookAbort(context);
    const plan = this.options.plan(size);
    const child = this.options.spawner(plan.file, plan.args, { env: plan.env as NodeJS.ProcessEnv, detached: plan.detached, windowsHide: true, stdio: ["pipe", "pipe", "pipe"] });
    const session: Session = { child, plan };
    this.sessions.set(sessionId, session);

    const timestamp = () => (this.options.now?.() ?? new Date()).toISOString();
    const emit = (stream: ShellOutputMessage["stream"], output: string) => context.emit({ type: "shell-output", sessionId, stream, output, timestamp: timestamp() });
    const pipe = (source: NodeJS.ReadableStream | null, stream: "stdout" | "stderr") => {
      const decoder = new StringDecoder("utf8");
      const coalescer = new OutputCoalescer((text) => emit(stream, text), { delayMs: this.options.coalesceMs, timers: this.options.timers });
      source?.on("data", (chunk: Buffer) => coalescer.add(decoder.write(chunk)));
      source?.on("end", () => coalescer.add(decoder.end()));
      return coalescer;
    };
    const stdout = pipe(child.stdout, "stdout");
    const stderr = pipe(child.stderr, "stderr");
    // Writing to a shell that just ended must not crash the agent.
    child.stdin?.on("error", () => {});
    if (plan.initialInput) child.stdin?.write(plan.initialInput);

    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      if (session.killTimer !== undefined) (this.options.timers ?? realTimers).clear(session.killTimer);
      if (this.sessions.get(sessionId) === session) this.sessions.delete(sessionId);
      stdout.flush();
      stderr.flush();
      emit("exit", reason);
    };
    child.on("error", (error) => end(`the shell could not run: ${error.message}`));
    child.on("close", (code, signal) => end(signal ? `the shell ended (${signal})` : `the shell exited with code ${code ?? 0}`));
    return { sessionId, shell: plan.description };
  }

  input(sessionId: string, data: string): { sessionId: string; accepted: true } {
    const session = this.sessions.get(sessionId);
    if (!session?.child.stdin?.writable) throw new CommandError("not-found", `no open shell session ${sessionId}`);
    session.child.stdin.write(data);
    return { sessionId, accepted: true };
  }

  /** False when the shell has no terminal to resize (pipes). */
  async resize(sessionId: string, size: ShellSize): Promise<{ sessionId: string; resized: boolean }> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new CommandError("not-found", `no open shell session ${sessionId}`);
    const { pid } = session.child;
    const resized = pid !== undefined && session.plan.resize ? await session.plan.resize(pid, size) : false;
    return { sessionId, resized };
  }

  stop(sessionId: string): { sessionId: string; stopped: true } {
    const session = this.sessions.get(sessionId);
    if (session) this.terminate(session);
    return { sessionId, stopped: true };
  }

  stopAll(): void {
    for (const session of this.sessions.values()) this.terminate(session);
  }

  private terminate(session: Session): void {
    if (session.killTimer !== undefined) return;
    session.child.stdin?.end();
    if (!session.plan.detached) {
      killWindowsTree(session.child, this.options.spawner);
      session.killTimer = null;
      return;
    }
    killProcessGroup(session.child, "SIGHUP");
    session.killTimer = (this.options.timers ?? realTimers).set(() => killProcessGroup(session.child, "SIGKILL"), STOP_GRACE_MS);
  }

  private hookAbort(context: CommandContext): void {
    if (this.abortHooked) return;
    this.abortHooked = true;
    context.signal.addEventListener("abort", () => this.stopAll(), { once: true });
  }
}
