import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { ShellSessionManager, type ShellPort, type Timers } from "./session-manager";

function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = { set: (fn) => (pending.set(++next, fn), next), clear: (handle) => pending.delete(handle as number) };
  return {
    timers,
    get armed() {
      return pending.size;
    },
    elapse() {
      const due = [...pending.values()];
      pending.clear();
      for (const fn of due) fn();
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const calls: string[] = [];
  const exits = new Map<string, () => void>();
  let failNextStart: Error | undefined;
  const port: ShellPort<string> = {
    start: async (opener, agentId, sessionId) => {
      calls.push(`start ${agentId} ${sessionId} by ${opener}`);
      if (failNextStart) {
        const error = failNextStart;
        failNextStart = undefined;
        throw error;
      }
      return { shell: "/bin/bash (pty via script)" };
    },
    stop: async (agentId, sessionId) => void calls.push(`stop ${agentId} ${sessionId}`),
    watchExit: async (_agentId, sessionId, onExit) => {
      exits.set(sessionId, onExit);
      return () => exits.delete(sessionId);
    },
    closed: async (agentId, sessionId, reason) => void calls.push(`closed ${agentId} ${sessionId}: ${reason}`),
  };
  const clock = manualTimers();
  let id = 0;
  const manager = new ShellSessionManager(port, { timers: clock.timers, graceMs: 5_000, newId: () => `s${++id}` });
  return { manager, calls, exits, clock, failStart: (error: Error) => (failNextStart = error) };
}

describe("ShellSessionManager", () => {
  it("starts one shell for the first viewer and lets later viewers join it", async () => {
    const { manager, calls } = setup();
    const [a, b] = await Promise.all([manager.open("alice", "agent-1"), manager.open("bob", "agent-1")]);
    expect(a).toEqual({ sessionId: "s1", shell: "/bin/bash (pty via script)", started: true });
    expect(b).toEqual({ sessionId: "s1", shell: "/bin/bash (pty via script)", started: false });
    expect(calls).toEqual(["start agent-1 s1 by alice"]);
    expect((await manager.open("carol", "agent-2")).sessionId).toBe("s2");
  });

  it("stops the shell only after the last viewer has been gone for the grace period", async () => {
    const { manager, calls, clock } = setup();
    const { sessionId } = await manager.open("alice", "agent-1");
    const leaveA = manager.attach("agent-1", sessionId);
    const leaveB = manager.attach("agent-1", sessionId);
    expect(manager.viewers("agent-1")).toBe(2);
    expect(clock.armed).toBe(0);
    leaveA();
    leaveA();
    expect(manager.viewers("agent-1")).toBe(1);
    expect(clock.armed).toBe(0);
    leaveB();
    expect(clock.armed).toBe(1);
    expect(calls).not.toContain("stop agent-1 s1");
    clock.elapse();
    await flush();
    expect(calls).toEqual(["start agent-1 s1 by alice", "stop agent-1 s1", "closed agent-1 s1: last viewer left"]);
    expect(() => manager.current("agent-1")).toThrow(AppError);
  });

  it("keeps the shell through a reload: a viewer back within the grace period cancels the stop", async () => {
    const { manager, calls, clock } = setup();
    const first = await manager.open("alice", "agent-1");
    manager.attach("agent-1", first.sessionId)();
    expect(clock.armed).toBe(1);
    const again = await manager.open("alice", "agent-1");
    expect(again).toMatchObject({ sessionId: first.sessionId, started: false });
    manager.attach("agent-1", again.sessionId);
    expect(clock.armed).toBe(0);
    clock.elapse();
    await flush();
    expect(calls).toEqual(["start agent-1 s1 by alice"]);
    expect(manager.current("agent-1")).toEqual({ sessionId: "s1" });
  });

  it("stops a session nobody ever attached to", async () => {
    const { manager, calls, clock } = setup();
    await manager.open("alice", "agent-1");
    clock.elapse();
    await flush();
    expect(calls).toContain("stop agent-1 s1");
  });

  it("closes the session when the shell exits, without a stop, and the next open starts a new shell", async () => {
    const { manager, calls, exits, clock } = setup();
    const { sessionId } = await manager.open("alice", "agent-1");
    const leave = manager.attach("agent-1", sessionId);
    exits.get(sessionId)!();
    await flush();
    expect(calls).toEqual(["start agent-1 s1 by alice", "closed agent-1 s1: shell exited"]);
    expect(() => manager.current("agent-1")).toThrow(/No shell session is open/);
    leave();
    expect(clock.armed).toBe(0);
    expect(await manager.open("bob", "agent-1")).toMatchObject({ sessionId: "s2", started: true });
    // A viewer still holding the old session holds nothing of the new one.
    manager.attach("agent-1", "s1")();
    expect(manager.viewers("agent-1")).toBe(0);
  });

  it("forgets a session whose start failed, so the next open tries again", async () => {
    const { manager, failStart } = setup();
    failStart(new AppError("AGENT_OFFLINE", "Agent is offline"));
    await expect(manager.open("alice", "agent-1")).rejects.toMatchObject({ code: "AGENT_OFFLINE" });
    expect(() => manager.current("agent-1")).toThrow(AppError);
    expect(await manager.open("alice", "agent-1")).toMatchObject({ sessionId: "s2", started: true });
  });

  it("forgets a session the agent lost, recording why", async () => {
    const { manager, calls } = setup();
    const { sessionId } = await manager.open("alice", "agent-1");
    await manager.lost("agent-1", sessionId);
    expect(calls.at(-1)).toBe("closed agent-1 s1: agent lost the shell");
    expect(() => manager.current("agent-1")).toThrow(AppError);
  });
});
