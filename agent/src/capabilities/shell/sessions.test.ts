/** Session bookkeeping with a scripted child process (the real shells are in sessions.int.test.ts). */
import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AgentEmission, CommandContext } from "../../commands/command-context";
import { testCommandContext } from "../../commands/test-context";
import type { Spawner } from "../../platform/kill-tree";
import { createLogger } from "../../log";
import { MAX_SESSIONS, ShellSessions } from "./sessions";

function fakeSpawner() {
  const children: Array<ChildProcess & { typed: string[] }> = [];
  const spawned: string[][] = [];
  let pid = 1000;
  const spawner: Spawner = (file, args) => {
    spawned.push([file, ...args]);
    const child = Object.assign(new EventEmitter(), { pid: ++pid, stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), typed: [] as string[] });
    child.stdin.on("data", (chunk: Buffer) => child.typed.push(chunk.toString()));
    children.push(child as unknown as ChildProcess & { typed: string[] });
    return child as unknown as ChildProcess;
  };
  return { spawner, children, spawned };
}

const plan = () => ({ file: "shell.exe", args: [], env: {}, description: "shell.exe (pipes, no console)", detached: false, initialInput: "setup\n" });

function context() {
  const emitted: AgentEmission[] = [];
  const ctx: CommandContext = { ...testCommandContext(), emit: (message) => (emitted.push(message), true), signal: new AbortController().signal, log: createLogger(() => {}) };
  return { ctx, emitted };
}

describe("ShellSessions", () => {
  it("writes the plan's setup line before anything typed, and answers a repeated start with the same shell", () => {
    const { spawner, children } = fakeSpawner();
    const sessions = new ShellSessions({ plan, spawner });
    const { ctx } = context();
    sessions.start("s", { cols: 80, rows: 24 }, ctx);
    sessions.start("s", { cols: 80, rows: 24 }, ctx);
    sessions.input("s", "Get-Date\n");
    expect(children).toHaveLength(1);
    expect(children[0]!.typed).toEqual(["setup\n", "Get-Date\n"]);
  });

  it("ends the oldest session to make room past the limit (a restarted server forgets its sessions)", () => {
    const { spawner, children, spawned } = fakeSpawner();
    const sessions = new ShellSessions({ plan, spawner });
    const { ctx, emitted } = context();
    for (let i = 0; i <= MAX_SESSIONS; i++) sessions.start(`s${i}`, { cols: 80, rows: 24 }, ctx);
    const kills = spawned.filter(([file]) => file?.endsWith("taskkill.exe"));
    expect(kills).toEqual([[expect.stringMatching(/taskkill\.exe$/), "/T", "/F", "/PID", String(children[0]!.pid)]]);
    children[0]!.emit("close", 1, null);
    expect(emitted).toEqual([expect.objectContaining({ type: "shell-output", sessionId: "s0", stream: "exit", output: "the shell exited with code 1" })]);
    expect(sessions.size).toBe(MAX_SESSIONS);
  });
});
