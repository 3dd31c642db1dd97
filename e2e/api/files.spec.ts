/**
 * Files with the real Linux agent on this machine, through the documented paths: a 5 MB random
 * file uploaded (base64 JSON) and downloaded byte-identical; a multipart upload cut off mid-way by
 * the client and resumed with the same upload id, only the missing part travelling again.
 */
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { stopProcessGroup } from "../support/agent-package";
import { E2E } from "../support/env";
import { startLinuxAgent } from "../support/linux-agent";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

let api: APIRequestContext;
let agent: { agentId: string; process: ChildProcess };
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  api = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  expect((await api.post("/auth/login", { data: E2E.admin })).status()).toBe(200);
  agent = await startLinuxAgent(api);
  dir = await mkdtemp(path.join(os.tmpdir(), "rmm-e2e-files-"));
});
test.afterAll(async () => {
  stopProcessGroup(agent?.process);
  await rm(dir, { recursive: true, force: true });
});

test("a 5 MB file uploaded through /files/.../upload comes back byte-identical from /files/.../download", async () => {
  const data = randomBytes(5 * 1024 * 1024);
  const target = path.join(dir, "five-megabytes.bin");
  const upload = await api.post(`/files/${agent.agentId}/upload`, { data: { path: target, data: data.toString("base64") } });
  expect(upload.status()).toBe(200);
  expect(await upload.json()).toMatchObject({ success: true, sizeBytes: data.length, sha256: sha256(data) });
  expect(sha256(await readFile(target))).toBe(sha256(data));

  const listing = await (await api.get(`/files/${agent.agentId}/list?path=${encodeURIComponent(dir)}`)).json();
  expect(listing.entries).toEqual([expect.objectContaining({ name: "five-megabytes.bin", size: data.length, isDirectory: false })]);

  const download = await api.get(`/files/${agent.agentId}/download?path=${encodeURIComponent(target)}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toContain('filename="five-megabytes.bin"');
  // Next drops Content-Length from route handlers; the web server restores it from X-File-Size.
  expect(download.headers()["content-length"]).toBe(String(data.length));
  expect(sha256(await download.body())).toBe(sha256(data));

  // Spec 002's download of the same file, and the overwrite refusal.
  expect(sha256(await (await api.get(`/api/agents/${agent.agentId}/files?path=${encodeURIComponent(target)}`)).body())).toBe(sha256(data));
  expect((await api.post(`/files/${agent.agentId}/upload`, { data: { path: target, data: "aGVsbG8=" } })).status()).toBe(409);
});

/** Sends a multipart upload by hand and, with `cutAfter`, drops the connection after that many bytes of the body. */
function rawMultipart(input: { agentId: string; dest: string; uploadId: string; data: Buffer; cookie: string; cutAfter?: number }): Promise<{ status: number; body: string } | "cut"> {
  const boundary = `----rmm-e2e-${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="dest"\r\n\r\n${input.dest}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="upload_id"\r\n\r\n${input.uploadId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="resumed.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const body = Buffer.concat([head, input.data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return new Promise((resolve, reject) => {
    const request = http.request(`${E2E.baseUrl}/api/agents/${input.agentId}/files`, {
      method: "POST",
      headers: { cookie: input.cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(body.length) },
    });
    request.on("response", (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString() }));
    });
    if (input.cutAfter === undefined) {
      request.on("error", reject);
      request.end(body);
      return;
    }
    request.on("error", () => resolve("cut"));
    request.write(body.subarray(0, input.cutAfter), () => {
      // Give the server a moment to pass what it received on to the agent, then vanish mid-body.
      setTimeout(() => {
        request.destroy();
        resolve("cut");
      }, 1500);
    });
  });
}

test("a multipart upload cut off mid-way resumes with the same upload id", async () => {
  test.setTimeout(90_000);
  const data = randomBytes(5 * 1024 * 1024);
  const target = path.join(dir, "resumed.bin");
  const uploadId = `e2e-resume-${randomBytes(4).toString("hex")}`;
  const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");

  expect(await rawMultipart({ agentId: agent.agentId, dest: target, uploadId, data, cookie, cutAfter: 2 * 1024 * 1024 })).toBe("cut");
  // The agent kept what arrived, in its temporary file beside the target; the target does not exist yet.
  let partial = 0;
  await expect
    .poll(async () => {
      const listing = await (await api.get(`/files/${agent.agentId}/list?path=${encodeURIComponent(dir)}`)).json();
      partial = listing.entries.find((entry: { name: string }) => entry.name === `.rmm-upload-${uploadId}.part`)?.size ?? 0;
      return partial;
    })
    .toBeGreaterThan(0);
  expect(partial).toBeLessThan(data.length);
  expect(await readdir(dir)).not.toContain("resumed.bin");

  const resumed = await rawMultipart({ agentId: agent.agentId, dest: target, uploadId, data, cookie });
  expect(resumed).toMatchObject({ status: 200 });
  expect(JSON.parse((resumed as { body: string }).body)).toMatchObject({ success: true, uploadId, sizeBytes: data.length, sha256: sha256(data) });
  expect(sha256(await readFile(target))).toBe(sha256(data));
  expect((await readdir(dir)).filter((name) => name.endsWith(".part"))).toEqual([]);

  const download = await api.get(`/api/agents/${agent.agentId}/files?path=${encodeURIComponent(target)}`);
  expect(sha256(await download.body())).toBe(sha256(data));
});
