/**
 * Files through spec 000's and spec 002's paths (the real dispatchers) with a real gateway, its file
 * relay, and the real agent (its own WebSocket client, binary frames and file capability) on a
 * temporary folder: downloads and uploads take the relay, byte for byte, with no chunk command; a
 * wrong hash, a dropped agent or a dead gateway breaks the transfer instead of completing it; and
 * an agent or gateway without the relay still gets its files through the chunk commands.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileHandlers, filesCapabilityFor } from "../../../../agent/src/capabilities/files";
import { testCommandContext } from "../../../../agent/src/commands/test-context";
import { decodeStreamFrame, encodeDataFrame, UPLOAD_CHUNK_BYTES } from "../../../protocol";
import { actorFor, callerAs, seedUser } from "../../../test/actors";
import { FakeAgent } from "../../../test/fake-agent";
import { spawnGatewayProcess } from "../../../test/gateway-process";
import { startGatewayHarness, type GatewayHarness } from "../../../test/gateway-harness";
import { startRealAgent, type RealAgent } from "../../../test/real-agent";
import { deriveRelayTokenKey } from "../../auth/relay-tokens";
import { commands, gateways } from "../../db/schema";

const AUTH_SECRET = "relay-rest-tests-".repeat(3);
let h: GatewayHarness;
let agent: RealAgent;
let dir: string;
let cookie: string;
let spec000: (request: Request) => Promise<Response>;
let agentsApi: (request: Request) => Promise<Response>;
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

beforeAll(async () => {
  process.env.AUTH_SECRET = AUTH_SECRET;
  h = await startGatewayHarness({ relay: { key: deriveRelayTokenKey(AUTH_SECRET) } });
  dir = await mkdtemp(join(tmpdir(), "rmm-files-relay-"));
  Object.assign(process.env, { DATABASE_URL: h.t.url, PUBLIC_URL: "http://localhost:3000" });
  const [{ createSurfaceHandler }, { spec000Surface }, { agentsApiSurface }, { credentialResolvers }] = await Promise.all([
    import("../dispatch"),
    import("./spec000"),
    import("./agents-api"),
    import("../credential-resolvers"),
  ]);
  spec000 = createSurfaceHandler(spec000Surface, { credentials: credentialResolvers, commandTimeoutMs: 5_000 });
  agentsApi = createSurfaceHandler(agentsApiSurface, { credentials: credentialResolvers, commandTimeoutMs: 5_000 });
  await seedUser(h.t.db, "op", "operator", { password: "op-password" });
  const login = await spec000(new Request("http://localhost/auth/login", { method: "POST", body: JSON.stringify({ username: "op", password: "op-password" }), headers: { "x-rmm-client-ip": "10.2.2.4", "content-type": "application/json" } }));
  cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  agent = await startRealAgent({ gatewayUrl: h.url, token: await h.token(10), db: h.t.db });
});
afterAll(async () => {
  await agent.stop();
  await (await import("../../bus/web-bus")).getBusListener().close();
  await (await import("../../db/client")).closeDb();
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

const headers = { "x-rmm-client-ip": "10.2.2.4" };
const get = (call: typeof spec000, path: string) => call(new Request(`http://localhost${path}`, { headers: { ...headers, cookie } }));
const download = (agentId: string, path: string) => get(spec000, `/files/${agentId}/download?path=${encodeURIComponent(path)}`);
function postForm(agentId: string, fields: [string, string | Blob, string?][]) {
  const form = new FormData();
  for (const [name, value, filename] of fields) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, filename);
  }
  return agentsApi(new Request(`http://localhost/api/agents/${agentId}/files`, { method: "POST", headers: { ...headers, cookie }, body: form }));
}
const commandCount = async (type: string) => (await h.t.db.select({ id: commands.id }).from(commands).where(eq(commands.type, type))).length;

/** Reads a body until it ends or breaks: the bytes that arrived, and the error if it broke. */
async function readUntilBroken(response: Response): Promise<{ bytes: number; error?: Error }> {
  let bytes = 0;
  try {
    for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>) bytes += piece.byteLength;
    return { bytes };
  } catch (error) {
    return { bytes, error: error as Error };
  }
}

describe("files through the gateway's file relay", () => {
  it("streams a download byte for byte on both surfaces, with its size, and no chunk command", async () => {
    const data = randomBytes(9 * 1024 * 1024 + 7);
    const source = join(dir, "download.bin");
    await writeFile(source, data);
    for (const response of [await download(agent.agentId, source), await get(agentsApi, `/api/agents/${agent.agentId}/files?path=${encodeURIComponent(source)}`)]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(data.length));
      expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true);
    }
    expect(await commandCount("file-stream-download")).toBe(2);
    expect(await commandCount("download-file")).toBe(0);
    expect((await download(agent.agentId, join(dir, "missing.bin"))).status).toBe(404);
  });

  it("uploads multipart and base64 JSON bodies through the relay, renamed into place only when complete", async () => {
    const data = randomBytes(6 * 1024 * 1024 + 11);
    const target = join(dir, "multipart.bin");
    const response = await postForm(agent.agentId, [["dest", target], ["file", new Blob([data]), "multipart.bin"]]);
    expect(await response.json()).toMatchObject({ success: true, path: target, sizeBytes: data.length, sha256: sha256(data) });
    expect((await readFile(target)).equals(data)).toBe(true);

    const small = randomBytes(300_000);
    const json = await spec000(new Request(`http://localhost/files/${agent.agentId}/upload`, { method: "POST", headers: { ...headers, cookie, "content-type": "application/json" }, body: JSON.stringify({ path: join(dir, "json.bin"), data: small.toString("base64") }) }));
    expect(await json.json()).toMatchObject({ success: true, sizeBytes: small.length, sha256: sha256(small) });
    expect((await readFile(join(dir, "json.bin"))).equals(small)).toBe(true);
    expect((await postForm(agent.agentId, [["dest", target], ["file", new Blob([small]), "x.bin"]])).status).toBe(409);

    expect(await commandCount("file-stream-upload")).toBe(2);
    expect(await commandCount("upload-file-chunk")).toBe(0);
    expect((await readdir(dir)).filter((name) => name.endsWith(".part"))).toEqual([]);
  });

  it("resumes an interrupted upload: only the missing bytes travel, and the hash proves the halves match", async () => {
    const data = randomBytes(UPLOAD_CHUNK_BYTES * 8);
    const target = join(dir, "resumed.bin");
    const uploadId = "relay-resume-0001";
    const caller = callerAs(h.t.db, await actorFor(h.t.db, "op"), { waiters: h.waiters });
    await caller.files.uploadStart({ agentId: agent.agentId, path: target, totalBytes: data.length, uploadId });
    for (const offset of [0, UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES]) {
      await caller.files.uploadChunk({ agentId: agent.agentId, uploadId, offset, data: data.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString("base64") });
    }
    const response = await postForm(agent.agentId, [["dest", target], ["upload_id", uploadId], ["file", new Blob([data]), "resumed.bin"]]);
    expect(await response.json()).toMatchObject({ success: true, uploadId, sizeBytes: data.length, sha256: sha256(data) });
    expect((await readFile(target)).equals(data)).toBe(true);
    const [stream] = await h.t.db.select({ payload: commands.payload }).from(commands).where(eq(commands.type, "file-stream-upload")).orderBy(commands.createdAt).limit(1).offset(2);
    expect(stream?.payload).toMatchObject({ uploadId, offset: 3 * UPLOAD_CHUNK_BYTES });
  });

  it("breaks a download the agent drops midway, and fails an upload it drops, leaving the upload resumable", async () => {
    const leaving = await startRealAgent({ gatewayUrl: h.url, token: await h.token(), db: h.t.db });
    const data = randomBytes(48 * 1024 * 1024);
    const source = join(dir, "large.bin");
    await writeFile(source, data);
    const response = await download(leaving.agentId, source);
    const reader = response.body!.getReader();
    let received = (await reader.read()).value!.byteLength;
    await leaving.stop();
    let broken: Error | undefined;
    try {
      for (let piece = await reader.read(); !piece.done; piece = await reader.read()) received += piece.value.byteLength;
    } catch (error) {
      broken = error as Error;
    }
    expect(broken?.message).toMatch(/disconnected|went offline/);
    expect(received).toBeLessThan(data.length);

    const returning = await startRealAgent({ gatewayUrl: h.url, token: await h.token(), db: h.t.db });
    const target = join(dir, "interrupted.bin");
    // A body that delivers its first 2 MiB, then waits while the agent goes away.
    let release!: () => void;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const form = `--b\r\nContent-Disposition: form-data; name="dest"\r\n\r\n${target}\r\n--b\r\nContent-Disposition: form-data; name="upload_id"\r\n\r\nrelay-drop-0001\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n`;
        controller.enqueue(new TextEncoder().encode(form));
        controller.enqueue(data.subarray(0, 2 * 1024 * 1024));
        await new Promise<void>((resolve) => (release = resolve));
        controller.close();
      },
    });
    const request = new Request(`http://localhost/api/agents/${returning.agentId}/files`, { method: "POST", headers: { ...headers, cookie, "content-type": "multipart/form-data; boundary=b" }, body, duplex: "half" } as RequestInit);
    const answer = agentsApi(request);
    const part = join(dir, ".rmm-upload-relay-drop-0001.part");
    for (let tries = 0; (await stat(part).catch(() => null))?.size !== 2 * 1024 * 1024 && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
    await returning.stop();
    const failed = await answer;
    release();
    expect(failed.status).toBe(502);
    expect((await failed.json()).error).toMatch(/disconnected/);
    // What arrived stays for the next attempt to resume from.
    expect((await stat(part)).size).toBe(2 * 1024 * 1024);
  });

  it("breaks a download whose bytes do not match the agent's SHA-256, holding back its last piece", async () => {
    const liar = await FakeAgent.connect({ url: h.url, token: await h.token(), features: ["file-stream-download"] });
    const data = randomBytes(3 * 1024 * 1024);
    let transferId = "";
    liar.handlers.set("file-stream-download", (command) => {
      transferId = String(command.transferId);
      return { transferId, path: "/srv/report.bin", totalBytes: data.length, modifiedAt: new Date().toISOString() };
    });
    let sent = false;
    liar.onBinary = (frame) => {
      if (sent || decodeStreamFrame(frame)?.kind !== "credit") return;
      sent = true;
      for (let offset = 0; offset < data.length; offset += 256 * 1024) liar.sendBinary(encodeDataFrame(transferId, data.subarray(offset, offset + 256 * 1024)));
      liar.send({ type: "file-stream-end", transferId, ok: true, bytes: data.length, sha256: sha256(Buffer.from("something else")) });
    };
    const response = await download(liar.agentId, "/srv/report.bin");
    expect(response.headers.get("content-length")).toBe(String(data.length));
    const { bytes, error } = await readUntilBroken(response);
    expect(error?.message).toMatch(/SHA-256/);
    expect(bytes).toBeLessThan(data.length);
    await liar.close();
  });

  it("breaks a download when the gateway process dies midway", async () => {
    const gateway = await spawnGatewayProcess(h.t.url, { env: { AUTH_SECRET } });
    const remote = await startRealAgent({ gatewayUrl: gateway.url, token: await h.token(), db: h.t.db });
    try {
      const source = join(dir, "large-remote.bin");
      await writeFile(source, randomBytes(48 * 1024 * 1024));
      const response = await download(remote.agentId, source);
      const reader = response.body!.getReader();
      await reader.read();
      gateway.child.kill("SIGKILL");
      const started = Date.now();
      await expect((async () => {
        for (let piece = await reader.read(); !piece.done; piece = await reader.read());
      })()).rejects.toThrow(/file relay failed/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await remote.stop();
      await gateway.stop();
    }
  });

  it("falls back to the chunk commands for an agent without the stream commands, and for a gateway without a relay", async () => {
    const older = await FakeAgent.connect({ url: h.url, token: await h.token() });
    for (const [type, handler] of Object.entries(fileHandlers(filesCapabilityFor("linux")))) {
      older.handlers.set(type, (command) => (handler as (command: unknown, context: unknown) => Promise<unknown>)(command, testCommandContext()));
    }
    const data = randomBytes(5 * 1024 * 1024 + 3);
    const source = join(dir, "fallback.bin");
    await writeFile(source, data);
    const before = await commandCount("download-file");
    expect(Buffer.from(await (await download(older.agentId, source)).arrayBuffer()).equals(data)).toBe(true);
    expect(await commandCount("download-file")).toBeGreaterThan(before);
    await older.close();

    // The gateway row as one from before the relay writes it.
    await h.t.db.update(gateways).set({ relayUrl: null }).where(eq(gateways.id, h.gateway.gatewayId));
    try {
      const chunksBefore = await commandCount("download-file");
      expect(Buffer.from(await (await download(agent.agentId, source)).arrayBuffer()).equals(data)).toBe(true);
      expect(await commandCount("download-file")).toBeGreaterThan(chunksBefore);
      const uploaded = await postForm(agent.agentId, [["dest", join(dir, "fallback-upload.bin")], ["file", new Blob([data]), "f.bin"]]);
      expect(await uploaded.json()).toMatchObject({ success: true, sha256: sha256(data) });
      expect(await commandCount("upload-file-chunk")).toBeGreaterThan(0);
    } finally {
      await h.t.db.update(gateways).set({ relayUrl: `http://127.0.0.1:${h.port}` }).where(eq(gateways.id, h.gateway.gatewayId));
    }
  });
});
