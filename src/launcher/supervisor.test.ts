/** The restart policy with fake children and a hand-driven clock: minutes of backoff in no time. */
import { describe, expect, it } from "vitest";
import { crashLoopMessage, OutputTail, Supervisor, type ExitInfo, type SupervisedChild, type Timers } from "./supervisor";

class FakeChild implements SupervisedChild {
  readonly exited: Promise<ExitInfo>;
  stopRequested = false;
  killed = false;
  /** A child that ignores SIGTERM: stop() waits until it is killed. */
  ignoresStop = false;
  private resolveExit!: (exit: ExitInfo) => void;

  constructor(readonly pid: number) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  crash(exit: ExitInfo = { code: null, signal: "SIGKILL" }) {
    this.resolveExit(exit);
  }

  async stop() {
    this.stopRequested = true;
    if (!this.ignoresStop) this.resolveExit({ code: 0, signal: null });
    await this.exited;
  }

  kill() {
    this.killed = true;
    this.resolveExit({ code: null, signal: "SIGKILL" });
  }
}

class ManualClock implements Timers {
  private time = 0;
  private timers: { at: number; run: () => void }[] = [];

  now() {
    return this.time;
  }

  setTimeout(run: () => void, ms: number) {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  advance(ms: number) {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const timer of due) timer.run();
  }
}

/** Lets the supervisor see a child's exit (a promise callback). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function harness(policy = {}) {
  const clock = new ManualClock();
  const children: FakeChild[] = [];
  const log: string[] = [];
  const supervisor = new Supervisor(
    () => {
      const child = new FakeChild(1000 + children.length);
      children.push(child);
      return child;
    },
    {
      onStarted: (pid) => log.push(`started ${pid}`),
      onCrashed: (_exit, restartInMs) => log.push(`crashed, restart in ${restartInMs}`),
      onCrashLoop: (loop) => log.push(`gave up after ${loop.crashes}`),
    },
    { timers: clock, policy },
  );
  const latest = () => children.at(-1)!;
  /** Crashes the running child after it ran `upMs`, then waits out the restart delay. */
  const crashAfter = async (upMs: number) => {
    clock.advance(upMs);
    latest().crash();
    await settle();
  };
  return { clock, children, log, supervisor, latest, crashAfter };
}

describe("Supervisor", () => {
  it("restarts a crashed child after a delay that doubles with each crash in a row, up to the cap", async () => {
    const h = harness({ crashLoopCrashes: 100 });
    h.supervisor.start();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      await h.crashAfter(1_000);
      delays.push(Number(h.log.at(-1)!.split(" ").at(-1)));
      const before = h.children.length;
      h.clock.advance(delays.at(-1)! - 1);
      expect(h.children).toHaveLength(before); // not a moment early
      h.clock.advance(1);
      expect(h.children).toHaveLength(before + 1);
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(h.supervisor.pid).toBe(h.latest().pid);
  });

  it("starts again from the first delay once the child stayed up long enough", async () => {
    const h = harness();
    h.supervisor.start();
    await h.crashAfter(1_000);
    h.clock.advance(500);
    await h.crashAfter(1_000);
    h.clock.advance(1_000);
    await h.crashAfter(30_000);
    expect(h.log.filter((line) => line.startsWith("crashed"))).toEqual(["crashed, restart in 500", "crashed, restart in 1000", "crashed, restart in 500"]);
  });

  it("gives up on a crash loop: five crashes within a minute, and no restart after it", async () => {
    const h = harness();
    h.supervisor.start();
    for (let i = 0; i < 4; i++) {
      await h.crashAfter(100);
      h.clock.advance(10_000);
    }
    expect(h.log.at(-1)).toBe("started 1004");
    await h.crashAfter(100);
    expect(h.log.at(-1)).toBe("gave up after 5");
    h.clock.advance(60_000);
    expect(h.children).toHaveLength(5);
    expect(h.supervisor.pid).toBeUndefined();
  });

  it("keeps restarting a child that crashes now and then", async () => {
    const h = harness();
    h.supervisor.start();
    for (let i = 0; i < 10; i++) {
      await h.crashAfter(20_000);
      h.clock.advance(10_000);
    }
    expect(h.log.some((line) => line.startsWith("gave up"))).toBe(false);
    expect(h.children).toHaveLength(11);
  });

  it("stops the running child on request, and does not count that as a crash", async () => {
    const h = harness();
    h.supervisor.start();
    await h.supervisor.stop();
    await settle();
    expect(h.latest().stopRequested).toBe(true);
    h.clock.advance(60_000);
    expect(h.children).toHaveLength(1);
    expect(h.log).toEqual(["started 1000"]);
  });

  it("ends a stop that is taking too long when killed, without restarting the child", async () => {
    const h = harness();
    h.supervisor.start();
    h.latest().ignoresStop = true;
    let stopped = false;
    const stopping = h.supervisor.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    h.supervisor.kill();
    await stopping;
    expect(h.latest().killed).toBe(true);
    h.clock.advance(60_000);
    expect(h.children).toHaveLength(1);
    expect(h.log).toEqual(["started 1000"]);
  });

  it("cancels a pending restart when stopped while waiting for it", async () => {
    const h = harness();
    h.supervisor.start();
    await h.crashAfter(100);
    await h.supervisor.stop();
    h.clock.advance(60_000);
    expect(h.children).toHaveLength(1);
  });
});

describe("crash loop report", () => {
  it("names the child and quotes its last lines on stderr", () => {
    const tail = new OutputTail(2);
    for (const line of ["[gateway] booting", "", "Error: listen EADDRINUSE: address already in use 0.0.0.0:3001", "    at Server.listen"]) tail.add(line);
    const message = crashLoopMessage("gateway", { crashes: 5, windowMs: 60_000, lastExit: { code: 1, signal: null } }, tail.last());
    expect(message).toContain("The gateway process crashed 5 times within 60 s (last: exit code 1)");
    expect(message).toContain("| Error: listen EADDRINUSE: address already in use 0.0.0.0:3001\n    |     at Server.listen");
    expect(message).not.toContain("booting");
  });

  it("says so when the child wrote nothing", () => {
    expect(crashLoopMessage("web", { crashes: 5, windowMs: 60_000, lastExit: { code: null, signal: "SIGKILL" } }, [])).toMatch(/signal SIGKILL[\s\S]*wrote nothing to stderr/);
  });
});
