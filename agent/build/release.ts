/**
 * Writes agent/dist/release.json: the agent version the executables were built from and the
 * SHA-256 and size of each, which the server offers agents for self-update.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { agentReleaseManifest, type AgentReleaseManifest } from "../../src/protocol";
import type { ExecutableTarget } from "./targets";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function writeReleaseManifest(manifestPath: string, version: string, targets: ExecutableTarget[]): Promise<AgentReleaseManifest> {
  const files = await Promise.all(
    targets.map(async (target) => ({ platform: target.platform, file: path.basename(target.output), sha256: await sha256Of(target.output), size: (await stat(target.output)).size })),
  );
  const manifest = agentReleaseManifest.parse({ version, files });
  const temporary = `${manifestPath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temporary, manifestPath);
  return manifest;
}
