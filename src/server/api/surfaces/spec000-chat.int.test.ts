/**
 * Chat through spec 000's paths (the real dispatcher), a real gateway and a scripted agent: a
 * technician's message reaches the agent and the live stream, the endpoint's answer comes back on
 * the same stream (and in the poll), unread counters are per user and cleared by `read`, sending is
 * an operator's right and audited, and an offline device stores nothing.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAgent } from "../../../test/fake-agent";
import type { GatewayHarness } from "../../../test/gateway-harness";
import { startSpec000Harness, type Spec000Harness } from "../../../test/spec000-harness";
import { sseReader } from "../../../test/sse-reader";
import { auditLog, streamEvents } from "../../db/schema";

let s: Spec000Harness<"op" | "view">;
let h: GatewayHarness;
let agent: FakeAgent;
let operatorCookie: string;
let viewerCookie: string;
let call: (request: Request) => Promise<Response>;

beforeAll(async () => {
  s = await startSpec000Harness({ users: { op: "operator", view: "viewer" } });
  ({ h, agent, call } = s);
  operatorCookie = s.cookies.op;
  viewerCookie = s.cookies.view;
  agent.handlers.set("chat-request", (command) => ({ sessionId: command.sessionId, delivered: true }));
});
afterAll(async () => {
  await s.stop();
});

const req = (path: string, cookie: string, init: { body?: unknown; accept?: string; lastEventId?: string; signal?: AbortSignal } = {}) =>
  new Request(`http://localhost${path}`, {
    method: init.body === undefined ? "GET" : "POST",
    headers: { cookie, "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json", ...(init.accept ? { accept: init.accept } : {}), ...(init.lastEventId ? { "last-event-id": init.lastEventId } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
const unreadOf = async (cookie: string) => {
  const clients = (await (await call(req("/clients", cookie))).json()) as { id: string; chatNotifications: number }[];
  return clients.find((client) => client.id === agent.agentId)?.chatNotifications;
};

describe("chat over REST", () => {
  let firstId: string;

  it("delivers a technician's message to the agent as chat-request, answers 202 { sessionId } and audits it", async () => {
    const response = await call(req(`/chat/${agent.agentId}/message`, operatorCookie, { body: { text: "  Hello, may I connect?  " } }));
    expect(response.status).toBe(202);
    const { sessionId } = await response.json();
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const delivered = agent.received.find((message) => message.type === "chat-request");
    expect(delivered).toMatchObject({ sessionId, text: "Hello, may I connect?", user: "op", role: "operator" });
    const [entry] = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "chat.send"));
    expect(entry).toMatchObject({ actor: "op", target: agent.agentId, success: true, details: { sessionId, text: "Hello, may I connect?" } });
  });

  it("refuses a viewer's message (403) and an empty one (400)", async () => {
    expect((await call(req(`/chat/${agent.agentId}/message`, viewerCookie, { body: { text: "hi" } }))).status).toBe(403);
    const empty = await call(req(`/chat/${agent.agentId}/message`, operatorCookie, { body: { text: "   " } }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).details).toEqual([expect.objectContaining({ field: "text" })]);
  });

  it("streams the history to a new viewer, then the endpoint's answer live, with the reference's fields", async () => {
    const abort = new AbortController();
    const response = await call(req(`/chat/${agent.agentId}/events`, viewerCookie, { accept: "text/event-stream", signal: abort.signal }));
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const read = sseReader(response);
    const [history] = await read.next(1);
    expect(history).toMatchObject({ event: "chat", data: { agentId: agent.agentId, text: "Hello, may I connect?", direction: "server", user: "op", role: "operator" } });
    firstId = history!.id!;
    const { sessionId } = history!.data as { sessionId: string };

    agent.send({ type: "chat-response", sessionId, text: "Yes, go ahead", timestamp: "2026-11-29T12:00:00.000Z" });
    const [, answer] = await read.next(2);
    expect(answer).toMatchObject({ event: "chat", data: { sessionId, agentId: agent.agentId, text: "Yes, go ahead", direction: "agent", user: "tester", role: "agent" } });
    // The server's clock, not the endpoint's (which says 2026-11-29T12:00).
    expect(Date.parse((answer!.data as { timestamp: string }).timestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(Number(answer!.id)).toBeGreaterThan(Number(firstId));
    abort.abort();
  });

  it("replays only what came after a reconnecting viewer's Last-Event-ID", async () => {
    const abort = new AbortController();
    const read = sseReader(await call(req(`/chat/${agent.agentId}/events`, viewerCookie, { accept: "text/event-stream", lastEventId: firstId, signal: abort.signal })));
    const [replayed] = await read.next(1);
    expect(replayed?.data).toMatchObject({ text: "Yes, go ahead" });
    abort.abort();
  });

  it("answers a JSON list to a poller, and only newer messages after ?after=", async () => {
    const all = await (await call(req(`/chat/${agent.agentId}/events`, viewerCookie))).json();
    expect(all.map((message: { text: string; direction: string }) => [message.direction, message.text])).toEqual([
      ["server", "Hello, may I connect?"],
      ["agent", "Yes, go ahead"],
    ]);
    const newer = await (await call(req(`/chat/${agent.agentId}/events?after=${all[0].id}`, viewerCookie))).json();
    expect(newer).toEqual([all[1]]);
    expect((await call(req(`/chat/${agent.agentId}/events?after=soon`, viewerCookie))).status).toBe(400);
  });

  it("counts unread answers per user in the device list; read clears them for that user only", async () => {
    expect(await unreadOf(viewerCookie)).toBe(1);
    expect(await unreadOf(operatorCookie)).toBe(1);
    const read = await call(req(`/chat/${agent.agentId}/read`, viewerCookie, { body: {} }));
    expect(read.status).toBe(204);
    expect(await unreadOf(viewerCookie)).toBe(0);
    expect(await unreadOf(operatorCookie)).toBe(1);
    agent.send({ type: "chat-response", sessionId: "s-2", text: "One more thing", timestamp: "2026-11-29T12:01:00.000Z" });
    for (let i = 0; i < 100 && (await unreadOf(viewerCookie)) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await unreadOf(viewerCookie)).toBe(1);
    expect(await unreadOf(operatorCookie)).toBe(2);
  });

  it("names the endpoint's user as the agent reports it, else the device's logged-in user", async () => {
    agent.send({ type: "chat-response", sessionId: "s-3", text: "Bob here", user: "DESK\\bob", timestamp: "2026-11-29T12:02:00.000Z" });
    let latest: { text: string; user: string } | undefined;
    for (let i = 0; i < 100 && latest?.text !== "Bob here"; i++) {
      latest = ((await (await call(req(`/chat/${agent.agentId}/events`, viewerCookie))).json()) as { text: string; user: string }[]).at(-1);
      if (latest?.text !== "Bob here") await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(latest).toMatchObject({ text: "Bob here", user: "DESK\\bob" });
  });

  it("answers 503 for an offline device and stores nothing", async () => {
    const other = await FakeAgent.connect({ url: h.url, token: await h.token(), name: "other-host" });
    await other.close();
    for (let i = 0; i < 100; i++) {
      const clients = (await (await call(req("/clients", operatorCookie))).json()) as { id: string; online: boolean }[];
      if (clients.find((client) => client.id === other.agentId)?.online === false) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await call(req(`/chat/${other.agentId}/message`, operatorCookie, { body: { text: "anyone?" } }));
    expect(response.status).toBe(503);
    expect(await h.t.db.select().from(streamEvents).where(eq(streamEvents.topic, `chat:${other.agentId}`))).toEqual([]);
  });
});
