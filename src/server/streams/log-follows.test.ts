/** Log streams shared by their viewers: one start for many viewers, renewals while watched, one stop after the last leaves. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { LogFollows, type LogCommandSender } from "./log-follows";

function recorder(fail?: (type: string) => Error | undefined) {
  const sent: { agentId: string; type: string; payload: Record<string, unknown> }[] = [];
  const send = (async (agentId: string, type: string, payload: Record<string, unknown>) => {
    sent.push({ agentId, type, payload });
    const error = fail?.(type);
    if (error) throw error;
    return type === "stream-logs-start" ? { streamId: payload.streamId, state: "started" } : { streamId: payload.streamId, stopped: true };
  }) as unknown as LogCommandSender;
  return { sent, send };
}

const request = { agentId: "a1", source: "file" as const, path: "/var/log/app.log" };

describe("log follows", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("starts once for every viewer of the same log, renews while watched, stops once after the last one left", async () => {
    const { sent, send } = recorder();
    const follows = new LogFollows(send, { renewMs: 1_000, graceMs: 500 });
    const [a, b] = await Promise.all([follows.join(request), follows.join(request)]);
    const other = await follows.join({ ...request, path: "/var/log/other.log" });
    expect(a.topic).toBe(b.topic);
    expect(a.topic).toBe(`logs:a1:${a.streamId}`);
    expect(other.topic).not.toBe(a.topic);
    expect(sent.filter((s) => s.type === "stream-logs-start").map((s) => s.payload)).toEqual([
      { streamId: a.streamId, source: "file", path: "/var/log/app.log" },
      { streamId: other.streamId, source: "file", path: "/var/log/other.log" },
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent.filter((s) => s.type === "stream-logs-start" && s.payload.streamId === a.streamId)).toHaveLength(2);
    a.leave();
    a.leave();
    await vi.advanceTimersByTimeAsync(600);
    expect(sent.some((s) => s.type === "stream-logs-stop")).toBe(false);
    b.leave();
    await vi.advanceTimersByTimeAsync(400);
    // A viewer back within the grace period keeps the same stream.
    const again = await follows.join(request);
    expect(again.streamId).toBe(a.streamId);
    again.leave();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.filter((s) => s.type === "stream-logs-stop")).toEqual([{ agentId: "a1", type: "stream-logs-stop", payload: { streamId: a.streamId } }]);
    const renewals = () => sent.filter((s) => s.type === "stream-logs-start" && s.payload.streamId === a.streamId).length;
    const atStop = renewals();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renewals()).toBe(atStop);
    expect(follows.running).toBe(1);
  });

  it("passes the agent's refusal to every waiting viewer and keeps nothing", async () => {
    const { sent, send } = recorder((type) => (type === "stream-logs-start" ? new AppError("AGENT_ERROR", "no journal here") : undefined));
    const follows = new LogFollows(send, { renewMs: 1_000, graceMs: 500 });
    const results = await Promise.allSettled([follows.join({ agentId: "a1", source: "journald" }), follows.join({ agentId: "a1", source: "journald" })]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(sent).toHaveLength(1);
    expect(follows.running).toBe(0);
    await follows.join({ agentId: "a1", source: "journald" }).catch(() => undefined);
    expect(sent).toHaveLength(2);
  });
});
