/** Downloads an agent package from the running product, unpacks it, and runs the agent as a real process. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, open, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import yauzl from "yauzl";

export async function downloadAgentPackage(api: APIRequestContext, platform: "windows" | "linux"): Promise<{ dir: string; files: string[] }> {
  const response = await api.get(`/agent/download?platform=${platform}`);
  if (response.status() !== 200) throw new Error(`download failed: ${response.status()} ${await response.text()}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), `rmm-agent-${platform}-`));
  const files = await unzip(await response.body(), dir);
  return { dir, files };
}

function unzip(zip: Buffer, into: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      const names: string[] = [];
      archive.on("entry", (entry: yauzl.Entry) => {
        const target = path.join(into, entry.fileName);
        if (!target.startsWith(into + path.sep)) return reject(new Error(`unsafe path in zip: ${entry.fileName}`));
        names.push(entry.fileName);
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            const mode = (entry.externalFileAttributes >>> 16) & 0o777;
            mkdir(path.dirname(target), { recursive: true })
              .then(() => writeFile(target, Buffer.concat(chunks), { mode: mode || 0o644 }))
              .then(() => archive.readEntry(), reject);
          });
        });
      });
      archive.on("end", () => resolve(names));
      archive.readEntry();
    });
  });
}

/** Starts a process whose output goes to a log file in `dir` (wine's Node must not write to pipes). */
export async function startLogged(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; logName: string }): Promise<ChildProcess> {
  const log = await open(path.join(options.cwd, options.logName), "a");
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", log.fd, log.fd], detached: true });
  child.once("exit", () => void log.close());
  return child;
}

/** Stops a started process and everything it spawned (its process group). */
export function stopProcessGroup(child: ChildProcess | undefined): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
