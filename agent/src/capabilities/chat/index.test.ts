import { afterEach, describe, expect, it } from "vitest";
import { CommandDispatcher } from "../../commands/dispatcher";
import { testCommandContext } from "../../commands/test-context";
import type { AgentEmission } from "../../commands/command-context";
import { chatHandlers, type ChatCapability } from "./index";
import { createLogger } from "../../log";
import { ChatWindow } from "./local-server";

const stops: AbortController[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop.abort()));

function setup({ logsSecret = true } = {}) {
  const shown: string[] = [];
  const emitted: AgentEmission[] = [];
  const logged: string[] = [];
  const stop = new AbortController();
  stops.push(stop);
  const chat: ChatCapability = { show: async (url) => (shown.push(url), "logged-only"), logsSecret };
  let window: ChatWindow | undefined;
  const handlers = chatHandlers(chat, async (options) => (window = await ChatWindow.open({ ...options, pollWaitMs: 20 })));
  const dispatcher = new CommandDispatcher(handlers, { ...testCommandContext(emitted, stop.signal), log: createLogger((line) => void logged.push(line)) });
  let n = 0;
  const request = async (text: string, sessionId = `s-${++n}`) => JSON.parse(await dispatcher.dispatch({ type: "chat-request", commandId: `c-${n}-${sessionId}`, sessionId, text, user: "alice", role: "operator" }).reply);
  return { shown, emitted, logged, request, window: () => window! };
}

describe("chat-request", () => {
  it("shows the message in the window, brings the window up for the user, and answers delivered", async () => {
    const { shown, request, window } = setup();
    expect(await request("Hello from IT", "s-1")).toMatchObject({ ok: true, result: { sessionId: "s-1", delivered: true } });
    expect(shown).toEqual([window().url]);
    expect(await (await fetch(`${window().url}messages?after=0`)).json()).toEqual([expect.objectContaining({ from: "technician", user: "alice", text: "Hello from IT" })]);
  });

  it("sends the user's answers as chat-response for the latest message's session, in one window", async () => {
    const { emitted, request, window } = setup();
    await request("first", "s-1");
    const url = window().url;
    await request("second", "s-2");
    expect(window().url).toBe(url);
    const response = await fetch(`${url}messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Sure" }) });
    expect(response.status).toBe(201);
    expect(emitted).toEqual([{ type: "chat-response", sessionId: "s-2", text: "Sure", timestamp: expect.any(String) }]);
  });

  it("does not bring the window up again while the user has it open", async () => {
    const { shown, request, window } = setup();
    await request("first");
    await fetch(`${window().url}messages?after=5`);
    await request("second");
    expect(shown).toHaveLength(1);
  });

  it("logs the window's address with its secret only where the capability allows it", async () => {
    const open = setup({ logsSecret: true });
    await open.request("hello");
    expect(open.logged.join("")).toContain(open.window().url);

    const closed = setup({ logsSecret: false });
    await closed.request("hello");
    const secret = new URL(closed.window().url).pathname.split("/")[1]!;
    expect(closed.logged.join("")).not.toContain(secret);
    expect(closed.logged.join("")).toContain(`${new URL(closed.window().url).origin}/<secret>/`);
  });
});
