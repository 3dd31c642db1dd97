/**
 * Specification 002's live streams with the real Linux agent: a stream token minted with the
 * session, then plain `curl -N`-style requests carrying only `?token=`: metrics samples arrive as
 * the agent reports them, and lines appended to a file on the endpoint arrive as `log` events. The
 * test machine has no systemd journal, so the journald source must say so instead of staying silent.
 */
import { access, appendFile, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sseReader, type ReceivedEvent } from "../../src/test/sse-reader";
import { signedInWithAgent } from "../support/linux-agent";
import { E2E } from "../support/env";

const session = signedInWithAgent();
const stops: (() => void)[] = [];
test.afterAll(() => stops.forEach((stop) => stop()));

async function streamToken(stream: "metrics" | "logs"): Promise<string> {
  const response = await session.api.post(`/api/agents/${session.agentId}/stream-token`, { data: { stream } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** A bare HTTP request, as `curl -N` makes it: no cookie, the token in the query. */
async function openStream(pathAndQuery: string) {
  const abort = new AbortController();
  stops.push(() => abort.abort());
  const response = await fetch(`${E2E.baseUrl}/api/agents/${session.agentId}${pathAndQuery}`, { signal: abort.signal });
  return { response, abort };
}

async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms))]);
}

test("the metrics stream sends the agent's samples to a request with only a stream token", async () => {
  test.setTimeout(90_000);
  const { response, abort } = await openStream(`/stream/metrics?token=${encodeURIComponent(await streamToken("metrics"))}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = sseReader(response);
  // The agent reports every 15 s; the stream starts with the latest sample when there is one.
  const [first] = await within(60_000, reader.until((events) => events.some((event) => event.event === "metrics")));
  expect(first).toMatchObject({ event: "metrics", id: expect.stringMatching(/^\d+$/), data: { agent_id: session.agentId, cpu_percent: expect.any(Number), mem_percent: expect.any(Number), disk_percent: expect.any(Number) } });
  abort.abort();
});

test("the file log stream follows lines appended on the endpoint", async () => {
  test.setTimeout(60_000);
  const folder = await mkdtemp(path.join(os.tmpdir(), "rmm-e2e-log-"));
  const file = path.join(folder, "app.log");
  await writeFile(file, "before 1\nbefore 2\n");
  const { response, abort } = await openStream(`/stream/logs?source=file&path=${encodeURIComponent(file)}&token=${encodeURIComponent(await streamToken("logs"))}`);
  expect(response.status).toBe(200);
  const reader = sseReader(response);
  const texts = (events: ReceivedEvent[]) => events.filter((event) => event.event === "log").flatMap((event) => (event.data as { lines: { text: string }[] }).lines.map((line) => line.text));
  expect(await within(20_000, reader.until((events) => texts(events).includes("before 2")).then(texts))).toEqual(["before 1", "before 2"]);
  await appendFile(file, "GET /index.html 200\n");
  await appendFile(file, "GET /missing 404\n");
  expect(await within(20_000, reader.until((events) => texts(events).includes("GET /missing 404")).then(texts))).toEqual(["before 1", "before 2", "GET /index.html 200", "GET /missing 404"]);
  abort.abort();
});

test("the journald source answers why it cannot follow where there is no journal", async () => {
  const journaldRuns = await access("/run/systemd/journal/socket").then(() => true, () => false);
  test.skip(journaldRuns, "this machine has a systemd journal");
  const { response } = await openStream(`/stream/logs?source=journald&unit=ssh.service&token=${encodeURIComponent(await streamToken("logs"))}`);
  expect(response.status).toBe(502);
  expect(((await response.json()) as { error: string }).error).toMatch(/journal/);
});
