/**
 * Stream chunks from publish to SSE viewers through real PostgreSQL NOTIFY: live delivery to every
 * viewer, replay after Last-Event-ID, the recent history a new viewer sees, and a viewer that stops
 * reading losing chunks (and being told so) while the others get everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sseReader } from "../../test/sse-reader";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { BusListener } from "../bus/listener";
import { StreamHub } from "./hub";
import { CHANNELS } from "../bus/channels";
import { publishStreamBatch, publishStreamEvent } from "./publish";
import { streamResponse } from "./sse-response";

let t: TestDatabase;
let listener: BusListener;
let hub: StreamHub;

beforeAll(async () => {
  t = await createTestDatabase();
  listener = new BusListener(t.url);
  hub = new StreamHub(t.db, listener);
});
afterAll(async () => {
  await listener.close();
  await t.close();
});

const open = (topic: string, options: { lastEventId?: string; recent?: number; maxBufferedBytes?: number } = {}) => {
  const abort = new AbortController();
  const response = streamResponse({ hub, topic, signal: abort.signal, ...options });
  return { response, abort, read: sseReader(response) };
};

async function waitForViewers(count: number) {
  for (let i = 0; i < 200 && hub.viewerCount < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("streams", () => {
  it("delivers every chunk of a topic to each of its viewers, in order, and nothing of other topics", async () => {
    const a = open("shell:agent-a");
    const b = open("shell:agent-a");
    await waitForViewers(2);
    await publishStreamEvent(t.db, { topic: "shell:agent-b", event: "shell", data: { output: "not yours" } });
    for (const output of ["one", "two", "three"]) await publishStreamEvent(t.db, { topic: "shell:agent-a", event: "shell", data: { output } });
    for (const viewer of [a, b]) {
      const events = await viewer.read.next(3);
      expect(events.map((event) => event.data)).toEqual([{ output: "one" }, { output: "two" }, { output: "three" }]);
      expect(events.every((event) => event.event === "shell" && Number(event.id) > 0)).toBe(true);
      viewer.abort.abort();
    }
  });

  it("replays what a reconnecting viewer missed after its Last-Event-ID, then goes on live", async () => {
    const first = open("chat:agent-c");
    await waitForViewers(1);
    await publishStreamEvent(t.db, { topic: "chat:agent-c", event: "chat", data: { text: "seen" } });
    const [seen] = await first.read.next(1);
    first.abort.abort();

    await publishStreamEvent(t.db, { topic: "chat:agent-c", event: "chat", data: { text: "missed 1" } });
    await publishStreamEvent(t.db, { topic: "chat:agent-c", event: "chat", data: { text: "missed 2" } });
    const again = open("chat:agent-c", { lastEventId: seen!.id });
    expect((await again.read.next(2)).map((event) => event.data)).toEqual([{ text: "missed 1" }, { text: "missed 2" }]);
    await publishStreamEvent(t.db, { topic: "chat:agent-c", event: "chat", data: { text: "live" } });
    expect((await again.read.next(3))[2]?.data).toEqual({ text: "live" });
    again.abort.abort();
  });

  it("shows a new viewer the latest stored chunks when asked to", async () => {
    for (const line of ["l1", "l2", "l3", "l4"]) await publishStreamEvent(t.db, { topic: "logs:agent-d", event: "log", data: { line } });
    const viewer = open("logs:agent-d", { recent: 2 });
    expect((await viewer.read.next(2)).map((event) => event.data)).toEqual([{ line: "l3" }, { line: "l4" }]);
    viewer.abort.abort();
  });

  it("drops chunks for a viewer that stops reading, tells it how many, and keeps the others whole", async () => {
    const fast = open("shell:agent-e");
    const slow = open("shell:agent-e", { maxBufferedBytes: 2_000 });
    await waitForViewers(2);
    const output = "x".repeat(500);
    for (let i = 0; i < 20; i++) await publishStreamEvent(t.db, { topic: "shell:agent-e", event: "shell", data: { output, i } });
    expect(await fast.read.next(20)).toHaveLength(20);
    // The slow viewer's buffer held only a few. Now it reads; once it has room again, the next chunk brings the notice.
    const reading = slow.read.until((received) => received.some((event) => event.event === "dropped"));
    let settled = false;
    void reading.finally(() => (settled = true));
    for (let i = 20; !settled && i < 200; i++) {
      await publishStreamEvent(t.db, { topic: "shell:agent-e", event: "shell", data: { output: "after", i } });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const events = await reading;
    const notice = events.find((event) => event.event === "dropped");
    expect(notice?.data).toMatchObject({ dropped: expect.any(Number) });
    const kept = events.filter((event) => event.event === "shell" && (event.data as { i: number }).i < 20).length;
    expect(kept + (notice!.data as { dropped: number }).dropped).toBeGreaterThanOrEqual(20);
    expect(kept).toBeLessThan(20);
    fast.abort.abort();
    slow.abort.abort();
  });

  it("keeps the order of chunks published at once (they share statements) and gives each its own id", async () => {
    const viewer = open("shell:agent-g");
    await waitForViewers(1);
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => publishStreamEvent(t.db, { topic: "shell:agent-g", event: "shell", data: { i } })));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(50);
    const events = await viewer.read.next(50);
    expect(events.map((event) => (event.data as { i: number }).i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(events.map((event) => Number(event.id))).toEqual(ids);
    viewer.abort.abort();
  });

  it("delivers chunks too large to travel in a notification in their place among small ones", async () => {
    const viewer = open("shell:agent-h");
    await waitForViewers(1);
    const big = "y".repeat(20_000);
    await Promise.all([
      publishStreamEvent(t.db, { topic: "shell:agent-h", event: "shell", data: { output: "small 1" } }),
      publishStreamEvent(t.db, { topic: "shell:agent-h", event: "shell", data: { output: big } }),
      publishStreamEvent(t.db, { topic: "shell:agent-h", event: "shell", data: { output: "small 2" } }),
    ]);
    await publishStreamEvent(t.db, { topic: "shell:agent-h", event: "shell", data: { output: big } });
    const events = await viewer.read.next(4);
    expect(events.map((event) => (event.data as { output: string }).output)).toEqual(["small 1", big, "small 2", big]);
    viewer.abort.abort();
  });

  it("delivers a batch announced by one notification (metric samples) to the viewers of its topics only", async () => {
    const announced: string[] = [];
    const stopListening = await listener.subscribe(CHANNELS.streamEvent, (payload) => announced.push(payload));
    const viewer = open("metrics:agent-i");
    await waitForViewers(1);
    const sample = (topic: string, cpuPercent: number) => ({ topic, event: "metrics", data: { cpuPercent } });
    await publishStreamBatch(t.db, "metrics", [sample("metrics:agent-i", 1), sample("metrics:agent-j", 99), sample("metrics:agent-i", 2)]);
    await publishStreamBatch(t.db, "metrics", [sample("metrics:agent-i", 3)]);
    const events = await viewer.read.next(3);
    expect(events.map((event) => event.data)).toEqual([{ cpuPercent: 1 }, { cpuPercent: 2 }, { cpuPercent: 3 }]);
    expect(announced.filter((payload) => payload.startsWith("range "))).toHaveLength(2);
    expect(announced.every((payload) => /^range \d+ \d+ metrics$/.test(payload))).toBe(true);
    viewer.abort.abort();
    stopListening();
    await expect(publishStreamBatch(t.db, "metrics", [sample("shell:agent-i", 1)])).rejects.toThrow(/not of kind metrics/);
  });

  it("forgets a viewer once it leaves", async () => {
    const before = hub.viewerCount;
    const viewer = open("metrics:agent-f");
    await waitForViewers(before + 1);
    viewer.abort.abort();
    for (let i = 0; i < 100 && hub.viewerCount > before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hub.viewerCount).toBe(before);
  });
});
