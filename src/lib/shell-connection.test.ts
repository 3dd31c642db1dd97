import { describe, expect, it } from "vitest";
import { openShellConnection, parseSseBlocks, takeInputChunk, type ShellState } from "./shell-connection";

describe("parseSseBlocks", () => {
  it("reads complete events with ids, skips heartbeats, and keeps an unfinished block", () => {
    const { messages, rest } = parseSseBlocks(': connected\n\nretry: 3000\n\nid: 7\nevent: shell\ndata: {"output":"hi"}\n\n: heartbeat\n\nid: 8\nevent: sh');
    expect(messages).toEqual([{ id: "7", event: "shell", data: '{"output":"hi"}' }]);
    expect(rest).toBe("id: 8\nevent: sh");
  });
});

describe("takeInputChunk", () => {
  it("never splits a surrogate pair", () => {
    expect(takeInputChunk("ab😀cd", 3)).toBe("ab");
    expect(takeInputChunk("abc", 3)).toBe("abc");
  });
});

/** A scripted server: the stream answers are given in order, and input posts are recorded. */
function fakeServer(streams: Array<() => Response>) {
  const posted: string[] = [];
  const streamRequests: Array<Record<string, string>> = [];
  let release: () => void = () => {};
  const fetcher = (async (url: string, init?: RequestInit) => {
    if (url.endsWith("/input")) {
      posted.push(String(init?.body));
      await new Promise<void>((resolve) => (release = resolve));
      return new Response(null, { status: 204 });
    }
    streamRequests.push((init?.headers ?? {}) as Record<string, string>);
    return streams.shift()!();
  }) as typeof fetch;
  return { fetcher, posted, streamRequests, releaseInput: () => release() };
}

const sse = (text: string, keepOpen = false) =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        if (!keepOpen) controller.close();
      },
    }),
    { headers: { "content-type": "text/event-stream" } },
  );

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("openShellConnection", () => {
  it("shows output, reconnects with Last-Event-ID after a drop, and stops at the shell's exit", async () => {
    const server = fakeServer([
      () => sse('id: 5\nevent: shell\ndata: {"output":"$ ","stream":"stdout"}\n\n'),
      () => sse('id: 6\nevent: shell\ndata: {"output":"bye","stream":"stdout"}\n\nid: 7\nevent: shell\ndata: {"output":"the shell exited with code 0","stream":"exit"}\n\n', true),
    ]);
    const output: string[] = [];
    const states: Array<[ShellState, string | undefined]> = [];
    openShellConnection({ agentId: "a1", cols: 80, rows: 24, onOutput: (t) => output.push(t), onState: (s, m) => states.push([s, m]), onInputError: () => {}, fetch: server.fetcher, retryMs: 1 });
    for (let i = 0; i < 20 && states.at(-1)?.[0] !== "ended"; i++) await tick();
    expect(output).toEqual(["$ ", "bye"]);
    expect(server.streamRequests[1]?.["last-event-id"]).toBe("5");
    expect(states.map(([s]) => s)).toEqual(["connecting", "connected", "reconnecting", "reconnecting", "connected", "ended"]);
    expect(states.at(-1)?.[1]).toBe("the shell exited with code 0");
  });

  it("sends keys in order, one request at a time, batching what was typed meanwhile", async () => {
    const server = fakeServer([() => sse("", true)]);
    const connection = openShellConnection({ agentId: "a1", cols: 80, rows: 24, onOutput: () => {}, onState: () => {}, onInputError: () => {}, fetch: server.fetcher });
    connection.send("l");
    connection.send("s");
    connection.send("\r");
    await tick();
    expect(server.posted).toEqual(["l"]);
    server.releaseInput();
    await tick();
    expect(server.posted).toEqual(["l", "s\r"]);
    server.releaseInput();
    connection.close();
  });

  it("sends the settled size once, and opens a later session at it", async () => {
    const resized: string[] = [];
    const streams: string[] = [];
    const fetcher = (async (url: string, init?: RequestInit) => {
      if (url.endsWith("/resize")) resized.push(String(init?.body));
      else streams.push(url);
      return url.endsWith("/resize") ? new Response(JSON.stringify({ resized: true })) : sse("");
    }) as typeof fetch;
    const connection = openShellConnection({ agentId: "a1", cols: 80, rows: 24, onOutput: () => {}, onState: () => {}, onInputError: () => {}, fetch: fetcher, retryMs: 1, resizeDelayMs: 1 });
    connection.resize(100, 30);
    connection.resize(120, 40);
    connection.resize(120, 40);
    await tick();
    await tick();
    connection.close();
    expect(resized).toEqual(['{"cols":120,"rows":40}']);
    expect(streams[0]).toContain("cols=80&rows=24");
    expect(streams.at(-1)).toContain("cols=120&rows=40");
  });

  it("says why the stream was refused and does not retry", async () => {
    const server = fakeServer([() => new Response(JSON.stringify({ error: "Agent 'web-1' is offline" }), { status: 503 })]);
    const states: Array<[ShellState, string | undefined]> = [];
    openShellConnection({ agentId: "a1", cols: 80, rows: 24, onOutput: () => {}, onState: (s, m) => states.push([s, m]), onInputError: () => {}, fetch: server.fetcher, retryMs: 1 });
    await tick();
    await tick();
    expect(states.at(-1)).toEqual(["failed", "Agent 'web-1' is offline"]);
    expect(server.streamRequests).toHaveLength(1);
  });
});
