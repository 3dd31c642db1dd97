/** Real shells on this Linux machine, through the same handlers the server's commands reach. */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { AgentEmission, CommandContext } from "../../commands/command-context";
import { testCommandContext } from "../../commands/test-context";
import { createLogger } from "../../log";
import { linuxShellPlan, realProbe, type LinuxProbe } from "./plan";
import { ShellSessions } from "./sessions";

type Output = Extract<AgentEmission, { type: "shell-output" }>;

function recordingContext(signal = new AbortController().signal) {
  const messages: Output[] = [];
  const context: CommandContext = {
    ...testCommandContext(),
    emit: (message) => (messages.push(message as Output), true),
    signal,
    log: createLogger(() => {}),
  };
  const text = () => messages.filter((m) => m.stream !== "exit").map((m) => m.output).join("");
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(text())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { context, messages, text, until };
}

const withoutScript: LinuxProbe = { ...realProbe, exists: (file) => !file.endsWith("/script") && realProbe.exists(file) };

describe.runIf(process.platform === "linux")("shell sessions on Linux", () => {
  it("runs commands in the login shell under a pty and reports the exit", async () => {
    const sessions = new ShellSessions({ plan: (size) => linuxShellPlan(size), spawner: spawn });
    const { context, messages, text, until } = recordingContext();
    const started = sessions.start("s1", { cols: 100, rows: 30 }, context);
    expect(started.shell).toMatch(/\(pty via script\)$/);
    sessions.input("s1", "stty size; echo hello-$((40+2))\n");
    await until(() => text().includes("hello-42"), "the echo");
    expect(text()).toContain("30 100");
    expect(await sessions.resize("s1", { cols: 132, rows: 40 })).toEqual({ sessionId: "s1", resized: true });
    sessions.input("s1", "stty size\n");
    await until(() => text().includes("40 132"), "the new size");
    sessions.input("s1", "exit\n");
    await until(() => messages.some((m) => m.stream === "exit"), "the exit");
    expect(messages.at(-1)).toMatchObject({ sessionId: "s1", stream: "exit", output: "the shell exited with code 0" });
    expect(sessions.size).toBe(0);
    expect(() => sessions.input("s1", "echo again\n")).toThrow(/no open shell session/);
  });

  it("works on plain pipes without script", async () => {
    const sessions = new ShellSessions({ plan: (size) => linuxShellPlan(size, withoutScript), spawner: spawn });
    const { context, messages, text, until } = recordingContext();
    expect(sessions.start("p1", { cols: 80, rows: 24 }, context).shell).toMatch(/\(pipes, no pty\)$/);
    expect(await sessions.resize("p1", { cols: 100, rows: 30 })).toEqual({ sessionId: "p1", resized: false });
    sessions.input("p1", "echo piped-$((1+1))\nexit 3\n");
    await until(() => messages.some((m) => m.stream === "exit"), "the exit");
    expect(text()).toContain("piped-2");
    expect(messages.at(-1)?.output).toBe("the shell exited with code 3");
    await expect(sessions.resize("p1", { cols: 100, rows: 30 })).rejects.toThrow(/no open shell session/);
  });

  it("ends every shell when the agent stops, and a stopped shell reports its end", async () => {
    const controller = new AbortController();
    const sessions = new ShellSessions({ plan: (size) => linuxShellPlan(size), spawner: spawn });
    const { context, messages, until } = recordingContext(controller.signal);
    sessions.start("a", { cols: 80, rows: 24 }, context);
    sessions.start("b", { cols: 80, rows: 24 }, context);
    expect(sessions.size).toBe(2);
    sessions.stop("a");
    await until(() => messages.some((m) => m.sessionId === "a" && m.stream === "exit"), "a's exit");
    controller.abort();
    await until(() => messages.some((m) => m.sessionId === "b" && m.stream === "exit"), "b's exit");
    expect(sessions.size).toBe(0);
  });
});
