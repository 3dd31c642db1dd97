/**
 * Keeps one long-running child (web or gateway) running. An exit the launcher did not ask for is a
 * crash, answered by a restart after an exponential delay; a child that stayed up long enough is
 * forgiven its earlier crashes; many crashes in a short window are a crash loop, which is reported
 * instead of restarted forever (the launcher then stops everything). Time is injected, so the
 * tests run through minutes of backoff instantly.
 */

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

/** A running child as the supervisor sees it (a real process in processes.ts, a fake in tests). */
export type SupervisedChild = {
  pid: number | undefined;
  exited: Promise<ExitInfo>;
  /** Asks it to stop (and makes sure it does); resolves once it has exited. */
  stop(): Promise<void>;
  /** Ends it at once (SIGKILL), when stopping is forced; a pending stop() then resolves. */
  kill(): void;
};

export type Timers = {
  now(): number;
  /** Returns the function that cancels it. */
  setTimeout(run: () => void, ms: number): () => void;
};

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

export type RestartPolicy = {
  /** Delay before the first restart; doubled for every further crash in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long before crashing starts again from the first delay. */
  stableAfterMs: number;
  /** This many crashes within `crashLoopWindowMs` is a crash loop: no more restarts. */
  crashLoopCrashes: number;
  crashLoopWindowMs: number;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 500, maxDelayMs: 10_000, stableAfterMs: 30_000, crashLoopCrashes: 5, crashLoopWindowMs: 60_000 };

export type CrashLoop = { crashes: number; windowMs: number; lastExit: ExitInfo };

export type SupervisorEvents = {
  onStarted(pid: number | undefined): void;
  onCrashed(exit: ExitInfo, restartInMs: number): void;
  /** The supervisor has given up; the child is not running and will not be restarted. */
  onCrashLoop(loop: CrashLoop): void;
};

export class Supervisor {
  private child: SupervisedChild | undefined;
  private startedAt = 0;
  private crashesInARow = 0;
  private readonly crashTimes: number[] = [];
  private cancelRestart: (() => void) | undefined;
  private state: "idle" | "running" | "waiting" | "stopped" | "gave-up" = "idle";
  private readonly policy: RestartPolicy;
  private readonly timers: Timers;

  constructor(
    private readonly spawnChild: () => SupervisedChild,
    private readonly events: SupervisorEvents,
    options: { policy?: Partial<RestartPolicy>; timers?: Timers } = {},
  ) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
    this.timers = options.timers ?? realTimers;
  }

  get pid(): number | undefined {
    return this.state === "running" ? this.child?.pid : undefined;
  }

  start(): void {
    if (this.state !== "idle") throw new Error("a supervisor starts once");
    this.run();
  }

  /** Stops the child for good (a pending restart is cancelled); resolves once it has exited. */
  async stop(): Promise<void> {
    this.cancelRestart?.();
    const running = this.state === "running" ? this.child : undefined;
    this.state = "stopped";
    await running?.stop();
  }

  /** Forces a stop under way (or a running child) to end now; the child is not restarted. */
  kill(): void {
    this.cancelRestart?.();
    if (this.state === "running" || this.state === "waiting") this.state = "stopped";
    this.child?.kill();
  }

  private run() {
    const child = this.spawnChild();
    this.child = child;
    this.startedAt = this.timers.now();
    this.state = "running";
    this.events.onStarted(child.pid);
    void child.exited.then((exit) => this.onExit(child, exit));
  }

  private onExit(child: SupervisedChild, exit: ExitInfo) {
    // Exits asked for by stop() are not crashes.
    if (this.state !== "running" || this.child !== child) return;
    const now = this.timers.now();
    if (now - this.startedAt >= this.policy.stableAfterMs) this.crashesInARow = 0;
    this.crashesInARow += 1;
    this.crashTimes.push(now);
    while (this.crashTimes.length > 0 && now - this.crashTimes[0]! > this.policy.crashLoopWindowMs) this.crashTimes.shift();

    if (this.crashTimes.length >= this.policy.crashLoopCrashes) {
      this.state = "gave-up";
      this.events.onCrashLoop({ crashes: this.crashTimes.length, windowMs: this.policy.crashLoopWindowMs, lastExit: exit });
      return;
    }
    const delay = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (this.crashesInARow - 1));
    this.state = "waiting";
    this.events.onCrashed(exit, delay);
    this.cancelRestart = this.timers.setTimeout(() => {
      this.cancelRestart = undefined;
      if (this.state === "waiting") this.run();
    }, delay);
  }
}

export function describeExit(exit: ExitInfo): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/** The last lines a child wrote to stderr, kept across its restarts: the evidence for a crash loop. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly max = 20) {}

  add(line: string): void {
    if (line.trim() === "") return;
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }

  last(): string[] {
    return [...this.lines];
  }
}

/** The message an operator sees when the launcher gives up: which child, how often, and why. */
export function crashLoopMessage(name: string, loop: CrashLoop, stderrLines: string[]): string {
  const rule = "=".repeat(78);
  const evidence = stderrLines.length > 0 ? stderrLines.map((line) => `    | ${line}`) : ["    (it wrote nothing to stderr)"];
  return [
    rule,
    `[start] The ${name} process crashed ${loop.crashes} times within ${loop.windowMs / 1000} s (last: ${describeExit(loop.lastExit)}).`,
    `[start] Not restarting it again; stopping everything. Its last lines on stderr:`,
    ...evidence,
    rule,
  ].join("\n");
}
