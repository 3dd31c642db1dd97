/**
 * The chat capability as the Linux agent runs it (the real registry): a technician's message
 * starts the window, whose address is in the agent's log; the page shows the message, and the
 * user's answer there leaves as chat-response.
 */
import { describe, expect, it } from "vitest";
import { CommandDispatcher } from "../../commands/dispatcher";
import type { AgentEmission } from "../../commands/command-context";
import { testCommandContext } from "../../commands/test-context";
import { createLogger } from "../../log";
import { capabilitiesFor, commandHandlers } from "../registry";

async function until(done: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.runIf(process.platform === "linux")("chat on Linux", () => {
  it("serves the window at the logged address; messages go both ways", async () => {
    const lines: Record<string, unknown>[] = [];
    const emitted: AgentEmission[] = [];
    const stop = new AbortController();
    const handlers = commandHandlers(capabilitiesFor("linux"), { service: false, restartAgent: () => {}, report: () => {} });
    const dispatcher = new CommandDispatcher(handlers, { ...testCommandContext(), emit: (message) => (emitted.push(message), true), signal: stop.signal, log: createLogger((line) => void lines.push(JSON.parse(line))) });
    try {
      expect(dispatcher.features).toContain("chat-request");
      const reply = JSON.parse(await dispatcher.dispatch({ type: "chat-request", commandId: "c-1", sessionId: "s-1", text: "Hello from IT", user: "alice", role: "operator" }).reply);
      expect(reply).toMatchObject({ ok: true, result: { sessionId: "s-1", delivered: true } });
      const url = String(lines.find((line) => line.event === "chat-window-started")?.url);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/$/);

      expect(await (await fetch(url)).text()).toContain("IT support chat");
      expect(await (await fetch(`${url}messages?after=0`)).json()).toEqual([expect.objectContaining({ user: "alice", text: "Hello from IT" })]);
      const sent = await fetch(`${url}messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Yes, go ahead" }) });
      expect(sent.status).toBe(201);
      expect(emitted).toEqual([{ type: "chat-response", sessionId: "s-1", text: "Yes, go ahead", timestamp: expect.any(String) }]);
      await until(() => lines.some((line) => line.event === "chat-window-shown"));
      expect(lines.find((line) => line.event === "chat-window-shown")).toMatchObject({ how: "logged-only", url });
    } finally {
      stop.abort();
    }
    // The window ends with the agent.
    const url = String(lines.find((line) => line.event === "chat-window-started")?.url);
    await until(() => fetch(url).then(() => false, () => true));
    await expect(fetch(url)).rejects.toThrow();
  });
});
