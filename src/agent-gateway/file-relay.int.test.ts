/**
 * The gateway's file relay with a real gateway and scripted agents speaking binary frames: who may
 * open a relay request, that credit keeps the gateway's memory to one window whatever the reader's
 * pace, and that a misbehaving or silent agent, or one that drops, ends the transfer with a reason.
 */
import { randomBytes, randomUUID } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeStreamFrame,
  encodeCreditFrame,
  encodeDataFrame,
  formatAgentAuthorization,
  relayPath,
  STREAM_WINDOW_BYTES,
  type RelayDirection,
} from "../protocol";
import { deriveRelayTokenKey, signRelayToken } from "../server/auth/relay-tokens";
import { FakeAgent } from "../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../test/gateway-harness";

const key = deriveRelayTokenKey("relay-tests-secret-".repeat(3));
const STALL_MS = 400;
let h: GatewayHarness;
let agent: FakeAgent;
let other: FakeAgent;
/** Credit granted to `agent`, per transfer. */
const credit = new Map<string, number>();

beforeAll(async () => {
  h = await startGatewayHarness({ relay: { key, stallTimeoutMs: STALL_MS } });
  agent = await FakeAgent.connect({ url: h.url, token: await h.token(), features: ["file-stream-download", "file-stream-upload"] });
  other = await FakeAgent.connect({ url: h.url, token: await h.token() });
  agent.onBinary = (data) => {
    const frame = decodeStreamFrame(data);
    if (frame?.kind === "credit") credit.set(frame.transferId, (credit.get(frame.transferId) ?? 0) + frame.bytes);
  };
});
afterAll(async () => {
  await agent.close();
  await other.close();
  await h.stop();
});

const token = (transferId: string, direction: RelayDirection, agentId = agent.agentId, signer = key) => signRelayToken(signer, { transferId, agentId, direction }, new Date());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(done: () => boolean, timeoutMs = 5_000) {
  for (const deadline = Date.now() + timeoutMs; !done(); await sleep(10)) if (Date.now() > deadline) throw new Error("timed out");
}

function relay(direction: RelayDirection, transferId: string, authorization?: string, method = direction === "download" ? "GET" : "PUT") {
  return http.request({ host: "127.0.0.1", port: h.port, path: relayPath(direction, transferId), method, agent: false, headers: authorization ? { authorization } : {} });
}

function answer(request: http.ClientRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request.once("error", reject);
    request.once("response", (response) => {
      let body = "";
      response.on("data", (piece: Buffer) => (body += piece.toString()));
      response.once("end", () => resolve({ status: response.statusCode!, body }));
    });
    request.end();
  });
}

function opened(request: http.ClientRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request.once("error", reject);
    request.once("response", resolve);
    request.end();
  });
}

async function readAll(response: IncomingMessage): Promise<{ bytes: Buffer; trailers: NodeJS.Dict<string> }> {
  const pieces: Buffer[] = [];
  for await (const piece of response as AsyncIterable<Buffer>) pieces.push(piece);
  return { bytes: Buffer.concat(pieces), trailers: response.trailers };
}

describe("the file relay", () => {
  it("opens only with a relay token for exactly that transfer, direction and a connected agent, and only once", async () => {
    const transferId = randomUUID();
    expect((await answer(relay("download", transferId))).status).toBe(401);
    expect((await answer(relay("download", transferId, `Bearer ${token(randomUUID(), "download")}`))).status).toBe(401);
    expect((await answer(relay("download", transferId, `Bearer ${token(transferId, "upload")}`))).status).toBe(401);
    expect((await answer(relay("download", transferId, `Bearer ${token(transferId, "download", agent.agentId, deriveRelayTokenKey("x".repeat(40)))}`))).status).toBe(401);
    // An agent's own credentials are no relay token.
    expect((await answer(relay("download", transferId, formatAgentAuthorization({ agentId: agent.agentId, agentSecret: agent.agentSecret })))).status).toBe(401);
    expect((await answer(relay("download", transferId, `Bearer ${token(transferId, "download")}`, "PUT"))).status).toBe(405);
    expect((await answer(relay("download", "not-a-uuid", `Bearer ${token(transferId, "download")}`))).status).toBe(404);
    const offline = await answer(relay("download", transferId, `Bearer ${token(transferId, "download", "agent-that-is-not-here")}`));
    expect(offline).toEqual({ status: 409, body: JSON.stringify({ error: "The agent is not connected to this gateway" }) });

    const granted = token(transferId, "download");
    const first = await opened(relay("download", transferId, `Bearer ${granted}`));
    expect(first.statusCode).toBe(200);
    expect(await answer(relay("download", transferId, `Bearer ${granted}`))).toMatchObject({ status: 409, body: expect.stringContaining("opened before") });
    first.destroy();
  });

  it("grants more credit only as the reader takes the bytes, so a stalled reader stalls the agent; ends with the agent's count and hash", async () => {
    const transferId = randomUUID();
    const data = randomBytes(8 * STREAM_WINDOW_BYTES);
    const response = await opened(relay("download", transferId, `Bearer ${token(transferId, "download")}`));
    response.pause();
    // The agent sends whatever its credit allows, all along.
    let sent = 0;
    const pump = setInterval(() => {
      for (; sent < data.length && sent < (credit.get(transferId) ?? 0); sent += 256 * 1024) agent.sendBinary(encodeDataFrame(transferId, data.subarray(sent, sent + 256 * 1024)));
      if (sent < data.length) return;
      clearInterval(pump);
      agent.send({ type: "file-stream-end", transferId, ok: true, bytes: data.length, sha256: "ab".repeat(32) });
    }, 5);
    await sleep(500);
    const granted = credit.get(transferId)!;
    await sleep(300);
    // Nothing more while nobody reads: one window in the gateway, the rest in the kernel's socket buffers.
    expect(credit.get(transferId)).toBe(granted);
    expect(granted).toBeLessThan(3 * STREAM_WINDOW_BYTES);

    const { bytes, trailers } = await readAll(response);
    expect(bytes.equals(data)).toBe(true);
    expect(trailers).toMatchObject({ "x-relay-bytes": String(data.length), "x-relay-sha256": "ab".repeat(32) });
  });

  it("ends a download whose agent oversteps its credit, stalls, or drops, telling both sides why", async () => {
    // A raw client that reads nothing: its socket buffers stay small, so the gateway's writes back up.
    const overstep = randomUUID();
    const reader = net.connect(h.port, "127.0.0.1");
    reader.pause();
    reader.write(`GET ${relayPath("download", overstep)} HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\nAuthorization: Bearer ${token(overstep, "download")}\r\n\r\n`);
    await until(() => credit.has(overstep));
    const told = agent.next("file-stream-end");
    const frame = encodeDataFrame(overstep, Buffer.alloc(256 * 1024));
    for (let i = 0; i < 160; i++) agent.sendBinary(frame);
    expect(await told).toMatchObject({ transferId: overstep, ok: false, error: { message: "the agent sent more than the credit it was granted" } });
    expect(credit.get(overstep)).toBeLessThan(3 * STREAM_WINDOW_BYTES);
    const raw: Buffer[] = [];
    reader.on("data", (piece: Buffer) => raw.push(piece));
    reader.resume();
    await new Promise((resolve) => reader.once("end", resolve));
    expect(Buffer.concat(raw).subarray(-200).toString("latin1")).toContain("x-relay-error: the agent sent more than the credit it was granted");

    const silent = randomUUID();
    const second = await opened(relay("download", silent, `Bearer ${token(silent, "download")}`));
    expect((await readAll(second)).trailers).toMatchObject({ "x-relay-error": `the agent sent nothing for ${STALL_MS / 1000} s` });

    const dropping = await FakeAgent.connect({ url: h.url, token: await h.token(), features: ["file-stream-download"] });
    const dropped = randomUUID();
    const third = await opened(relay("download", dropped, `Bearer ${token(dropped, "download", dropping.agentId)}`));
    dropping.sendBinary(encodeDataFrame(dropped, Buffer.from("partial")));
    await dropping.close();
    expect(await readAll(third)).toMatchObject({ bytes: Buffer.from("partial"), trailers: { "x-relay-error": "the agent disconnected" } });
  });

  it("tells the agent when the web process's relay request goes away, either way", async () => {
    const download = randomUUID();
    const response = await opened(relay("download", download, `Bearer ${token(download, "download")}`));
    const downloadEnded = agent.next("file-stream-end");
    response.destroy();
    expect(await downloadEnded).toEqual({ type: "file-stream-end", transferId: download, ok: false, error: { code: "failed", message: "the relay request was aborted" } });

    const upload = randomUUID();
    const request = relay("upload", upload, `Bearer ${token(upload, "upload")}`);
    request.on("error", () => {});
    request.write("the start of a body");
    await sleep(50);
    const uploadEnded = agent.next("file-stream-end");
    request.destroy();
    expect(await uploadEnded).toMatchObject({ transferId: upload, ok: false, error: { message: "the relay request was aborted" } });
  });

  it("never hands one agent's frames to another agent's transfer, and answers a binary frame that is none", async () => {
    const refused = other.next("error");
    other.sendBinary(Buffer.from("not a stream frame"));
    expect(await refused).toMatchObject({ code: "malformed" });
    const transferId = randomUUID();
    const response = await opened(relay("download", transferId, `Bearer ${token(transferId, "download")}`));
    other.sendBinary(encodeDataFrame(transferId, Buffer.from("not yours")));
    agent.sendBinary(encodeDataFrame(transferId, Buffer.from("yours")));
    agent.send({ type: "file-stream-end", transferId, ok: true, bytes: 5, sha256: "cd".repeat(32) });
    expect((await readAll(response)).bytes.toString()).toBe("yours");
  });

  it("says continue to an upload once registered, reads its body only as far as the agent's credit, and answers the bytes written", async () => {
    const transferId = randomUUID();
    const frames: Buffer[] = [];
    const request = http.request({ host: "127.0.0.1", port: h.port, path: relayPath("upload", transferId), method: "PUT", agent: false, headers: { authorization: `Bearer ${token(transferId, "upload")}`, expect: "100-continue" } });
    const answered = new Promise<{ status: number; body: string }>((resolve) => request.once("response", (response) => void readAll(response).then(({ bytes }) => resolve({ status: response.statusCode!, body: bytes.toString() }))));
    request.flushHeaders();
    await new Promise((resolve) => request.once("continue", resolve));

    agent.onBinary = (data) => void frames.push(data);
    const data = randomBytes(1024 * 1024);
    request.write(data);
    agent.sendBinary(encodeCreditFrame(transferId, 100_000));
    await sleep(300);
    expect(frames.reduce((sum, frame) => sum + frame.length - 17, 0)).toBe(100_000);

    const end = agent.next("file-stream-end");
    agent.sendBinary(encodeCreditFrame(transferId, STREAM_WINDOW_BYTES));
    request.end();
    expect(await end).toEqual({ type: "file-stream-end", transferId, ok: true, bytes: data.length });
    expect(Buffer.concat(frames.map((frame) => frame.subarray(17))).equals(data)).toBe(true);
    agent.send({ type: "file-stream-end", transferId, ok: true, bytes: data.length });
    expect(await answered).toEqual({ status: 200, body: JSON.stringify({ bytes: data.length }) });
  });

  it("answers an upload with the agent's failure, or its disconnection, at once", async () => {
    const failing = randomUUID();
    const request = relay("upload", failing, `Bearer ${token(failing, "upload")}`);
    request.write("some bytes");
    const response = answer(request);
    await sleep(50);
    agent.send({ type: "file-stream-end", transferId: failing, ok: false, error: { code: "failed", message: "ENOSPC: no space left on device" } });
    expect(await response).toEqual({ status: 502, body: JSON.stringify({ error: "ENOSPC: no space left on device" }) });

    const dropping = await FakeAgent.connect({ url: h.url, token: await h.token(), features: ["file-stream-upload"] });
    const dropped = randomUUID();
    const second = answer(relay("upload", dropped, `Bearer ${token(dropped, "upload", dropping.agentId)}`));
    await sleep(50);
    await dropping.close();
    expect(await second).toEqual({ status: 502, body: JSON.stringify({ error: "the agent disconnected" }) });
  });
});
