import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetEnrollmentToken, loadServerConfig } from "./config";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "rmm-agent-config-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe("forgetting the enrollment token", () => {
  it("rewrites server.json without the token, private, keeping the rest, and leaves no temporary file", async () => {
    const file = path.join(directory, "server.json");
    // Notepad's byte-order mark and another tool's field survive the rewrite as data, not as bytes.
    await writeFile(file, `\uFEFF${JSON.stringify({ gatewayUrl: "wss://rmm.example.com/agent", enrollmentToken: "tok", extra: 1 })}`, { mode: 0o644 });
    expect(await forgetEnrollmentToken(file)).toBe(true);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ gatewayUrl: "wss://rmm.example.com/agent", extra: 1 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadServerConfig(file)).toEqual({ gatewayUrl: "wss://rmm.example.com/agent" });
    await expect(stat(`${file}.tmp`)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("leaves a file without a token untouched", async () => {
    const file = path.join(directory, "no-token.json");
    const text = `{ "gatewayUrl": "ws://10.0.0.5:8081" }`;
    await writeFile(file, text, { mode: 0o644 });
    expect(await forgetEnrollmentToken(file)).toBe(false);
    expect(await readFile(file, "utf8")).toBe(text);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });
});
