/**
 * Chat both ways with the real Linux agent: a technician's message reaches the agent's local chat
 * window (its address read from the agent's log, as the person at the machine would), the answer
 * written there arrives on `GET /chat/{agentId}/events` as SSE and in the poll, and the unread
 * counter of `GET /clients` goes up with it and back to 0 after `read`.
 */
import type { ChildProcess } from "node:child_process";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { startLinuxAgent } from "../support/linux-agent";
import { answerInChatWindow, chatWindowUrl } from "../support/chat-window";
import { E2E } from "../support/env";

type Listed = { agentId: string; status: string; chatNotifications: number };

let api: APIRequestContext;
let agentProcess: ChildProcess | undefined;
test.beforeAll(async () => {
  api = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  expect((await api.post("/auth/login", { data: E2E.admin })).status()).toBe(200);
});
test.afterAll(() => stopProcessGroup(agentProcess));

test("a message reaches the endpoint's chat window and its answer comes back live; unread counts it until read", async () => {
  test.setTimeout(120_000);
  const agent = await startLinuxAgent(api);
  agentProcess = agent.process;
  const { agentId } = agent;
  const unread = async () => ((await (await api.get("/clients")).json()) as Listed[]).find((agent) => agent.agentId === agentId)?.chatNotifications;

  const sent = await api.post(`/chat/${agentId}/message`, { data: { text: "Hello from IT: may I restart your browser?" } });
  expect(sent.status()).toBe(202);
  const { sessionId } = await sent.json();

  // The person at the machine opens the window the agent logged, and sees the message.
  const windowUrl = await chatWindowUrl(agent.dir);
  expect(new URL(windowUrl).hostname).toBe("127.0.0.1");
  expect(await (await fetch(windowUrl)).text()).toContain("IT support chat");
  expect(await (await fetch(`${windowUrl}messages?after=0`)).json()).toEqual([expect.objectContaining({ from: "technician", user: E2E.admin.username, text: "Hello from IT: may I restart your browser?" })]);
  // Without the secret, nothing.
  expect((await fetch(`${new URL(windowUrl).origin}/messages?after=0`)).status).toBe(404);

  // A viewer of the stream, signed in like any REST client, sees the history and then the answer live.
  const cookie = (await api.storageState()).cookies.find((c) => c.name === "rmm-session")!;
  const abort = new AbortController();
  const stream = await fetch(`${E2E.baseUrl}/chat/${agentId}/events`, { headers: { accept: "text/event-stream", cookie: `${cookie.name}=${cookie.value}` }, signal: abort.signal });
  expect(stream.headers.get("content-type")).toContain("text/event-stream");
  const reader = stream.body!.getReader();
  let received = "";
  const readUntil = async (text: string) => {
    while (!received.includes(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
  };
  await readUntil("may I restart your browser?");
  expect(await unread()).toBe(0);

  await answerInChatWindow(windowUrl, "Yes, go ahead");
  await readUntil("Yes, go ahead");
  abort.abort();
  const frames = received.split("\n\n").filter((frame) => frame.includes("event: chat"));
  const answer = JSON.parse(frames.at(-1)!.split("\n").find((line) => line.startsWith("data: "))!.slice(6));
  expect(answer).toMatchObject({ sessionId, agentId, text: "Yes, go ahead", direction: "agent", role: "agent" });

  const polled = (await (await api.get(`/chat/${agentId}/events`)).json()) as { direction: string; text: string }[];
  expect(polled.map((message) => [message.direction, message.text])).toEqual([
    ["server", "Hello from IT: may I restart your browser?"],
    ["agent", "Yes, go ahead"],
  ]);

  expect(await unread()).toBe(1);
  expect((await api.post(`/chat/${agentId}/read`)).status()).toBe(204);
  expect(await unread()).toBe(0);
});
