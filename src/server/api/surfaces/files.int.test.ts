/**
 * Files through spec 000's and spec 002's paths (the real dispatchers) with a real gateway and an
 * agent answering with the real agent's file capability on a temporary folder: listings, streamed
 * downloads, base64 and multipart uploads, overwrite refusals, resumed uploads, roles and audit.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileHandlers, filesCapabilityFor } from "../../../../agent/src/capabilities/files";
import { testCommandContext } from "../../../../agent/src/commands/test-context";
import { UPLOAD_CHUNK_BYTES } from "../../../protocol";
import { actorFor, callerAs, seedUser } from "../../../test/actors";
import { FakeAgent } from "../../../test/fake-agent";
import { startGatewayHarness, type GatewayHarness } from "../../../test/gateway-harness";
import { auditLog, commands } from "../../db/schema";

let h: GatewayHarness;
let agent: FakeAgent;
let dir: string;
let operatorCookie: string;
let viewerCookie: string;
let spec000: (request: Request) => Promise<Response>;
let agentsApi: (request: Request) => Promise<Response>;
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

beforeAll(async () => {
  h = await startGatewayHarness();
  dir = await mkdtemp(join(tmpdir(), "rmm-files-rest-"));
  Object.assign(process.env, { DATABASE_URL: h.t.url, AUTH_SECRET: "s".repeat(48), PUBLIC_URL: "http://localhost:3000" });
  const [{ createSurfaceHandler }, { spec000Surface }, { agentsApiSurface }, { credentialResolvers }] = await Promise.all([
    import("../dispatch"),
    import("./spec000"),
    import("./agents-api"),
    import("../credential-resolvers"),
  ]);
  spec000 = createSurfaceHandler(spec000Surface, { credentials: credentialResolvers, commandTimeoutMs: 5_000 });
  agentsApi = createSurfaceHandler(agentsApiSurface, { credentials: credentialResolvers, commandTimeoutMs: 5_000 });
  await seedUser(h.t.db, "op", "operator", { password: "op-password" });
  await seedUser(h.t.db, "view", "viewer", { password: "view-password" });
  operatorCookie = await signIn("op", "op-password");
  viewerCookie = await signIn("view", "view-password");
  agent = await FakeAgent.connect({ url: h.url, token: await h.token() });
  // The real agent's handlers, answering as the agent's dispatcher would.
  const table = fileHandlers(filesCapabilityFor("linux"));
  for (const [type, handler] of Object.entries(table)) {
    agent.handlers.set(type, async (command) => {
      try {
        return await (handler as (command: unknown, context: unknown) => Promise<unknown>)(command, testCommandContext());
      } catch (error) {
        const { code, message } = error as { code?: string; message: string };
        agent.send({ type: "command-result", commandId: command.commandId, ok: false, error: { code: code ?? "failed", message } });
        return undefined;
      }
    });
  }
});
afterAll(async () => {
  await agent.close();
  await (await import("../../bus/web-bus")).getBusListener().close();
  await (await import("../../db/client")).closeDb();
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

async function signIn(username: string, password: string) {
  const response = await spec000(new Request("http://localhost/auth/login", { method: "POST", body: JSON.stringify({ username, password }), headers: { "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json" } }));
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
const get = (call: typeof spec000, path: string, cookie = operatorCookie) => call(new Request(`http://localhost${path}`, { headers: { cookie, "x-rmm-client-ip": "10.2.2.3" } }));
const postJson = (path: string, body: unknown, cookie = operatorCookie) =>
  spec000(new Request(`http://localhost${path}`, { method: "POST", headers: { cookie, "x-rmm-client-ip": "10.2.2.3", "content-type": "application/json" }, body: JSON.stringify(body) }));
function postForm(path: string, fields: [string, string | Blob, string?][], cookie = operatorCookie) {
  const form = new FormData();
  for (const [name, value, filename] of fields) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, filename);
  }
  return agentsApi(new Request(`http://localhost/api/agents${path}`, { method: "POST", headers: { cookie, "x-rmm-client-ip": "10.2.2.3" }, body: form }));
}
const chunkCommands = async () => (await h.t.db.select().from(commands).where(eq(commands.type, "upload-file-chunk"))).length;

describe("files over REST", () => {
  it("lists the roots for an empty path and a folder's entries, to operators only", async () => {
    await writeFile(join(dir, "listed.txt"), "12345");
    const roots = await get(spec000, `/files/${agent.agentId}/list`);
    expect(await roots.json()).toMatchObject({ path: "", parentPath: null, entries: [{ name: "/", path: "/", isDirectory: true }] });
    const listing = await (await get(spec000, `/files/${agent.agentId}/list?path=${encodeURIComponent(dir)}`)).json();
    expect(listing).toMatchObject({ path: dir, entries: [{ name: "listed.txt", path: join(dir, "listed.txt"), kind: "file", isDirectory: false, size: 5 }] });
    expect(Date.parse(listing.retrievedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await get(spec000, `/files/${agent.agentId}/list?path=${encodeURIComponent(dir)}`, viewerCookie)).status).toBe(403);
    expect((await get(spec000, `/files/${agent.agentId}/list?path=relative/path`)).status).toBe(400);
    expect((await get(spec000, `/files/${agent.agentId}/list?path=${encodeURIComponent(join(dir, "missing"))}`)).status).toBe(404);
  });

  it("uploads base64 JSON in 256 KiB chunks, refuses to overwrite unless asked, and audits", async () => {
    const data = randomBytes(UPLOAD_CHUNK_BYTES * 2 + 100);
    const target = join(dir, "json-upload.bin");
    const before = await chunkCommands();
    const response = await postJson(`/files/${agent.agentId}/upload`, { path: target, data: data.toString("base64") });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, message: expect.stringContaining(target), sizeBytes: data.length, sha256: sha256(data) });
    expect(await chunkCommands()).toBe(before + 3);
    expect((await readFile(target)).equals(data)).toBe(true);

    const refused = await postJson(`/files/${agent.agentId}/upload`, { path: target, data: "aGVsbG8=" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatch(/already exists/);
    expect((await postJson(`/files/${agent.agentId}/upload`, { path: target, data: "aGVsbG8=", overwrite: true })).status).toBe(200);
    expect(await readFile(target, "utf8")).toBe("hello");
    expect((await postJson(`/files/${agent.agentId}/upload`, { path: target, data: "aGVsbG8=", overwrite: true }, viewerCookie)).status).toBe(403);
    expect((await readdir(dir)).filter((name) => name.endsWith(".part"))).toEqual([]);

    const entries = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "file.upload"));
    expect(entries.filter((entry) => entry.success).map((entry) => [entry.actor, entry.target, entry.details])).toEqual([
      ["op", agent.agentId, { path: target, sizeBytes: data.length, sha256: sha256(data) }],
      ["op", agent.agentId, { path: target, sizeBytes: 5, sha256: sha256(Buffer.from("hello")) }],
    ]);
  });

  it("streams a download byte for byte on both surfaces, with its name and length, audited once", async () => {
    const data = randomBytes(5 * 1024 * 1024 + 7);
    const source = join(dir, "report ü.bin");
    await writeFile(source, data);
    for (const [call, path] of [
      [spec000, `/files/${agent.agentId}/download?path=${encodeURIComponent(source)}`],
      [agentsApi, `/api/agents/${agent.agentId}/files?path=${encodeURIComponent(source)}`],
    ] as const) {
      const response = await get(call, path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(data.length));
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="report _.bin"; filename*=UTF-8''report%20%C3%BC.bin`);
      expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(data));
    }
    const entries = await h.t.db.select().from(auditLog).where(eq(auditLog.action, "file.download"));
    expect(entries.map((entry) => entry.details)).toEqual([
      { path: source, sizeBytes: data.length },
      { path: source, sizeBytes: data.length },
    ]);
    expect((await get(spec000, `/files/${agent.agentId}/download?path=${encodeURIComponent(join(dir, "nope"))}`)).status).toBe(404);
    expect((await get(spec000, `/files/${agent.agentId}/download?path=${encodeURIComponent(source)}`, viewerCookie)).status).toBe(403);
  });

  it("uploads multipart form data (dest before file) and answers 400 without a dest", async () => {
    const data = randomBytes(700_000);
    const target = join(dir, "multipart.bin");
    const response = await postForm(`/${agent.agentId}/files`, [["dest", target], ["file", new Blob([data]), "multipart.bin"]]);
    expect(await response.json()).toMatchObject({ success: true, path: target, sizeBytes: data.length, sha256: sha256(data) });
    expect((await readFile(target)).equals(data)).toBe(true);
    const late = await postForm(`/${agent.agentId}/files`, [["file", new Blob([data]), "x.bin"], ["dest", join(dir, "late.bin")]]);
    expect(late.status).toBe(400);
    expect((await postForm(`/${agent.agentId}/files?dest=${encodeURIComponent(join(dir, "query.bin"))}`, [["file", new Blob([data]), "x.bin"]])).status).toBe(200);
    expect((await postForm(`/${agent.agentId}/files`, [["dest", target], ["file", new Blob([data]), "x.bin"]])).status).toBe(409);
  });

  it("answers a refused multipart upload at once, without waiting for the rest of the body", async () => {
    const target = join(dir, "refused-early.bin");
    await writeFile(target, "exists");
    const boundary = "----early-refusal";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="dest"\r\n\r\n${target}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n`;
    // The body's first part and 300 KiB of the file arrive; the rest never does.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head));
        controller.enqueue(new Uint8Array(300 * 1024));
      },
    });
    const request = new Request(`http://localhost/api/agents/${agent.agentId}/files`, {
      method: "POST",
      headers: { cookie: operatorCookie, "x-rmm-client-ip": "10.2.2.3", "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit);
    expect((await agentsApi(request)).status).toBe(409);
  });

  it("resumes an interrupted upload: only the missing chunks travel, and the hash proves the halves match", async () => {
    const data = randomBytes(UPLOAD_CHUNK_BYTES * 4);
    const target = join(dir, "resumed.bin");
    const uploadId = "resume-test-0001";
    // The first attempt got two chunks to the agent and then the client went away.
    const caller = callerAs(h.t.db, await actorFor(h.t.db, "op"), { waiters: h.waiters });
    await caller.files.uploadStart({ agentId: agent.agentId, path: target, totalBytes: data.length, uploadId });
    for (const offset of [0, UPLOAD_CHUNK_BYTES]) {
      await caller.files.uploadChunk({ agentId: agent.agentId, uploadId, offset, data: data.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString("base64") });
    }
    const skipped = await caller.files.uploadChunk({ agentId: agent.agentId, uploadId, offset: 3 * UPLOAD_CHUNK_BYTES, data: "AAAA" });
    expect(skipped).toEqual({ uploadId, receivedBytes: 2 * UPLOAD_CHUNK_BYTES, accepted: false });

    const before = await chunkCommands();
    const response = await postForm(`/${agent.agentId}/files`, [["dest", target], ["upload_id", uploadId], ["file", new Blob([data]), "resumed.bin"]]);
    expect(await response.json()).toMatchObject({ success: true, uploadId, sizeBytes: data.length, sha256: sha256(data) });
    expect(await chunkCommands()).toBe(before + 2);
    expect((await readFile(target)).equals(data)).toBe(true);

    // Resuming with other bytes than the first attempt's fails on the hash and leaves nothing behind.
    const other = join(dir, "mismatch.bin");
    await caller.files.uploadStart({ agentId: agent.agentId, path: other, totalBytes: data.length, uploadId: "resume-test-0002" });
    await caller.files.uploadChunk({ agentId: agent.agentId, uploadId: "resume-test-0002", offset: 0, data: randomBytes(UPLOAD_CHUNK_BYTES).toString("base64") });
    const mismatch = await postForm(`/${agent.agentId}/files`, [["dest", other], ["upload_id", "resume-test-0002"], ["file", new Blob([data]), "m.bin"]]);
    expect(mismatch.status).toBe(502);
    expect((await mismatch.json()).error).toMatch(/SHA-256/);
    expect(await readdir(dir)).not.toContain("mismatch.bin");
    const failures = await h.t.db.select().from(auditLog).where(like(auditLog.action, "file.upload"));
    expect(failures.some((entry) => !entry.success && String((entry.details as { error?: string }).error).includes("SHA-256"))).toBe(true);
  });
});
