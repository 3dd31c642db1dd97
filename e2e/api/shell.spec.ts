/**
 * The remote shell end to end with the real Linux agent: the SSE stream of GET /shell/{agentId}
 * shows what POST /shell/{agentId}/input ran in the machine's real shell, `exit` ends the session,
 * and the session's transcript (both directions) is there for admins.
 */
import type { ChildProcess } from "node:child_process";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { parseSseBlocks, type SseMessage } from "../../src/lib/shell-connection";
import { stopProcessGroup } from "../support/agent-package";
import { E2E } from "../support/env";
import { startLinuxAgent } from "../support/linux-agent";

let api: APIRequestContext;
let cookie: string;
let agent: { agentId: string; process: ChildProcess };

test.beforeAll(async () => {
  api = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  const login = await api.post("/auth/login", { data: E2E.admin });
  expect(login.status()).toBe(200);
  cookie = login.headers()["set-cookie"]!.split(";")[0]!;
  agent = await startLinuxAgent(api);
});
test.afterAll(() => stopProcessGroup(agent?.process));

/** Reads the stream in the background (Playwright's request client waits for whole bodies). */
function readStream(body: ReadableStream<Uint8Array>) {
  const messages: SseMessage[] = [];
  void (async () => {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      const parsed = parseSseBlocks(buffer + decoder.decode(value, { stream: true }));
      buffer = parsed.rest;
      messages.push(...parsed.messages);
    }
  })();
  const chunks = () => messages.filter((m) => m.event === "shell").map((m) => JSON.parse(m.data) as { output: string; stream: string; timestamp: string; sessionId: string });
  return { chunks, output: () => chunks().map((c) => c.output).join("") };
}

const type = (text: string) => fetch(`${E2E.baseUrl}/shell/${agent.agentId}/input`, { method: "POST", body: text, headers: { cookie, "content-type": "text/plain" } });

test("a shell on the Linux agent runs what is typed, ends on exit, and keeps its transcript", async () => {
  const leave = new AbortController();
  const response = await fetch(`${E2E.baseUrl}/shell/${agent.agentId}?cols=120&rows=40`, { headers: { cookie, accept: "text/event-stream" }, signal: leave.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const stream = readStream(response.body!);
  try {
    expect((await type("echo hello-$RANDOM\n")).status).toBe(204);
    // The shell expanded $RANDOM: the typed line alone would not match.
    await expect.poll(() => /hello-\d+/.test(stream.output()), { timeout: 20_000 }).toBe(true);
    const first = stream.chunks()[0]!;
    expect(first).toEqual({ output: expect.any(String), stream: "stdout", timestamp: expect.any(String), sessionId: expect.any(String) });

    expect((await type("exit\n")).status).toBe(204);
    await expect.poll(() => stream.chunks().some((c) => c.stream === "exit"), { timeout: 20_000 }).toBe(true);
    expect(stream.chunks().at(-1)!.output).toBe("the shell exited with code 0");
    // Nothing is open any more.
    expect((await type("echo too-late\n")).status).toBe(409);

    const transcript = await (await api.get(`/shell/${agent.agentId}/sessions/${first.sessionId}/transcript`)).json();
    expect(transcript.entries.filter((e: { kind: string }) => e.kind === "input").map((e: { text: string }) => e.text)).toEqual(["echo hello-$RANDOM\n", "exit\n"]);
    expect(transcript.entries.map((e: { text: string }) => e.text).join("")).toMatch(/hello-\d+/);
  } finally {
    leave.abort();
  }
});
