/** The agent's local chat window, found the way the person at a Linux machine would: its address in the agent's log. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";

/** Waits for the agent (logging to `agent.log` in its folder) to start its chat window, and answers its address. */
export async function chatWindowUrl(agentDir: string): Promise<string> {
  let url = "";
  await expect
    .poll(
      async () => {
        const log = await readFile(path.join(agentDir, "agent.log"), "utf8").catch(() => "");
        for (const line of log.split("\n")) {
          if (!line.startsWith("{")) continue;
          const entry = JSON.parse(line) as { event?: string; url?: string };
          if (entry.event === "chat-window-started" && entry.url) url = entry.url;
        }
        return url;
      },
      { timeout: 15_000 },
    )
    .not.toBe("");
  return url;
}

/** Answers in the chat window as the person at the machine does (the page posts JSON to its own origin). */
export async function answerInChatWindow(url: string, text: string): Promise<void> {
  const response = await fetch(`${url}messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
  expect(response.status, await response.clone().text()).toBe(201);
}
