/**
 * The remote shell through spec 000's paths (the real dispatcher and stream hub) and a real
 * gateway, with an agent whose shell handlers are the real agent's, running a real shell on this
 * machine: the SSE stream, raw-text input, the exit, the audit entries and the transcript, and the
 * role and not-found answers.
 */
import { spawn } from "node:child_process";
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linuxShellPlan } from "../../../../agent/src/capabilities/shell/plan";
import { ShellSessions } from "../../../../agent/src/capabilities/shell/sessions";
import { createLogger } from "../../../../agent/src/log";
import { FakeAgent } from "../../../test/fake-agent";
import type { GatewayHarness } from "../../../test/gateway-harness";
import { startSpec000Harness, type Spec000Harness } from "../../../test/spec000-harness";
import { auditLog } from "../../db/schema";

const COMMAND_TIMEOUT_MS = 2_000;
let s: Spec000Harness<"op" | "view" | "boss">;
let h: GatewayHarness;
let agent: FakeAgent;
let cookies: Record<"operator" | "viewer" | "admin", string>;
let call: (request: Request) => Promise<Response>;
const stopAgentShells = new AbortController();

beforeAll(async () => {
  s = await startSpec000Harness({ users: { op: "operator", view: "viewer", boss: "admin" }, commandTimeoutMs: COMMAND_TIMEOUT_MS });
  ({ h, agent, call } = s);
  cookies = { operator: s.cookies.op, viewer: s.cookies.view, admin: s.cookies.boss };
  const shells = new ShellSessions({ plan: (size) => linuxShellPlan(size), spawner: spawn, coalesceMs: 10 });
  const context = { emit: (message: unknown) => (agent.send(message), true), signal: stopAgentShells.signal, log: createLogger(() => {}) };
  agent.handlers.set("start-shell", (c) => shells.start(String(c.sessionId), { cols: Number(c.cols ?? 80), rows: Number(c.rows ?? 24) }, context as never));
  agent.handlers.set("shell-input", (c) => shells.input(String(c.sessionId), String(c.data)));
  agent.handlers.set("resize-shell", (c) => shells.resize(String(c.sessionId), { cols: Number(c.cols), rows: Number(c.rows) }));
  agent.handlers.set("stop-shell", (c) => shells.stop(String(c.sessionId)));
});
afterAll(async () => {
  stopAgentShells.abort();
  await s.stop();
});


const get = (path: string, cookie: string, signal?: AbortSignal) => call(new Request(`http://localhost${path}`, { headers: { cookie, "x-rmm-client-ip": "10.2.2.3" }, signal }));
const type = (text: string, cookie = cookies.operator, agentId = agent.agentId) =>
  call(new Request(`http://localhost/shell/${agentId}/input`, { method: "POST", body: text, headers: { cookie, "x-rmm-client-ip": "10.2.2.3", "content-type": "text/plain" } }));

type SseEvent = { id?: string; event: string; data: Record<string, unknown> };

/** Reads a stream response in the background; `until` waits for an event matching a check. */
function readEvents(response: Response) {
  const events: SseEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split("\n").filter((line) => !line.startsWith(":") && line.includes(": ")).map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]));
        if (fields.event && fields.data) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
      }
    }
  })();
  const output = () => events.filter((e) => e.event === "shell").map((e) => e.data.output).join("");
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`no ${what}; output so far: ${JSON.stringify(output())}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { events, output, until };
}

describe("the remote shell over REST", () => {
  it("refuses viewers (operator role) and unknown agents", async () => {
    expect((await get(`/shell/${agent.agentId}`, cookies.viewer)).status).toBe(403);
    expect((await type("id\n", cookies.viewer)).status).toBe(403);
    expect((await get(`/shell/no-such-agent`, cookies.operator)).status).toBe(404);
    expect((await type("id\n", cookies.operator, "no-such-agent")).status).toBe(404);
  });

  it("refuses input while no session is open", async () => {
    const response = await type("echo nobody-listens\n");
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatch(/No shell session is open/);
  });

  it("runs what is typed in a real shell, shares the session, ends on exit, and keeps an audited transcript", async () => {
    const leave = new AbortController();
    const response = await get(`/shell/${agent.agentId}?cols=100&rows=30`, cookies.operator, leave.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const first = readEvents(response);

    expect((await type("stty size; echo hello-$((6*7))\n")).status).toBe(204);
    await first.until(() => first.output().includes("hello-42"), "echo output");
    expect(first.output()).toContain("30 100");
    const chunk = first.events.find((e) => e.event === "shell")!;
    expect(Object.keys(chunk.data).sort()).toEqual(["output", "sessionId", "stream", "timestamp"]);
    expect(chunk.id).toMatch(/^\d+$/);

    const resize = await call(
      new Request(`http://localhost/shell/${agent.agentId}/resize`, { method: "POST", body: JSON.stringify({ cols: 132, rows: 40 }), headers: { cookie: cookies.operator, "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json" } }),
    );
    expect(await resize.json()).toEqual({ sessionId: chunk.data.sessionId, resized: true });
    await type("stty size\n");
    await first.until(() => first.output().includes("40 132"), "the new terminal size");

    // A second viewer joins the same session and is shown what was already printed.
    const second = readEvents(await get(`/shell/${agent.agentId}`, cookies.admin, leave.signal));
    await second.until(() => second.output().includes("hello-42"), "the session's recent output for a new viewer");
    expect(second.events.find((e) => e.event === "shell")!.data.sessionId).toBe(chunk.data.sessionId);

    expect((await type("exit\n")).status).toBe(204);
    await first.until(() => first.events.some((e) => e.event === "shell" && e.data.stream === "exit"), "the exit");
    leave.abort();

    const sessionId = String(chunk.data.sessionId);
    await waitFor(async () => (await h.t.db.select().from(auditLog).where(like(auditLog.action, "shell.%"))).length === 2);
    const entries = await h.t.db.select().from(auditLog).where(like(auditLog.action, "shell.%"));
    expect(entries.map((e) => [e.action, e.actor, e.target, (e.details as { sessionId: string }).sessionId])).toEqual([
      ["shell.open", "op", agent.agentId, sessionId],
      ["shell.close", null, agent.agentId, sessionId],
    ]);
    expect(entries[1]!.details).toMatchObject({ reason: "shell exited" });

    // The session is over: input is refused until someone opens a new one.
    expect((await type("echo too-late\n")).status).toBe(409);

    const transcriptPath = `/shell/${agent.agentId}/sessions/${sessionId}/transcript`;
    expect((await get(transcriptPath, cookies.operator)).status).toBe(403);
    const transcript = await (await get(transcriptPath, cookies.admin)).json();
    const kinds = transcript.entries.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe("session");
    expect(kinds.at(-1)).toBe("exit");
    expect(transcript.entries.filter((e: { kind: string }) => e.kind === "input").map((e: { text: string; user: string }) => [e.text, e.user])).toEqual([
      ["stty size; echo hello-$((6*7))\n", "op"],
      ["stty size\n", "op"],
      ["exit\n", "op"],
    ]);
    expect(transcript.entries.filter((e: { kind: string }) => e.kind === "output").map((e: { text: string }) => e.text).join("")).toContain("hello-42");
    expect((await get(`/shell/${agent.agentId}/sessions/unknown/transcript`, cookies.admin)).status).toBe(404);
  });
});

describe("an agent that cannot open a shell", () => {
  it("is a 504 when silent and a 503 when offline, and the failed open is audited", async () => {
    const silent = await FakeAgent.connect({ url: h.url, token: await h.token() });
    silent.handlers.set("start-shell", () => undefined);
    const timedOut = await get(`/shell/${silent.agentId}`, cookies.operator);
    expect(timedOut.status).toBe(504);
    expect((await timedOut.json()).error).toMatch(/start-shell/);
    const [failed] = await h.t.sql`select success, details from audit_log where action = 'shell.open' and target = ${silent.agentId}`;
    expect(failed).toMatchObject({ success: false, details: { error: expect.stringMatching(/did not answer/) } });

    await silent.close();
    await expect.poll(async () => (await h.t.sql`select status from agents where id = ${silent.agentId}`)[0]?.status).toBe("offline");
    expect((await get(`/shell/${silent.agentId}`, cookies.operator)).status).toBe(503);
  });
});

async function waitFor(check: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
