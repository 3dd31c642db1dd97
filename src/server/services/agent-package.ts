/**
 * The agent download: a ZIP with the agent executable, a start script and `server.json` (the
 * gateway URL as seen from PUBLIC_URL and a fresh enrollment token).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ZipFile } from "yazl";
import type { Config } from "../config";
import { DOWNLOAD_TOKEN_POLICY, type AgentPlatform } from "../contracts/enrollment";
import { AppError } from "../errors";
import { createEnrollmentToken } from "./enrollment";
import type { ServiceContext } from "./service-context";

/** Where `npm run build:agent` writes the agent builds (relative to the project root). */
export const AGENT_DIST_DIR = path.join("agent", "dist");

const PACKAGES: Record<AgentPlatform, { binary: string; script: { name: string; text: string } }> = {
  windows: {
    binary: "rmm-agent.exe",
    script: { name: "run-agent.bat", text: '@echo off\r\ncd /d "%~dp0"\r\n"%~dp0rmm-agent.exe" %*\r\n' },
  },
  linux: {
    binary: "rmm-agent",
    script: { name: "run-agent.sh", text: '#!/bin/sh\n# Runs the agent from its own folder, where server.json and its state file live.\ncd "$(dirname "$0")" && exec ./rmm-agent "$@"\n' },
  },
};

export function gatewayUrlFor(config: Pick<Config, "publicUrl" | "GATEWAY_PORT" | "GATEWAY_PUBLIC_URL">): string {
  if (config.GATEWAY_PUBLIC_URL) return config.GATEWAY_PUBLIC_URL.replace(/\/+$/, "");
  const url = new URL(config.publicUrl);
  return `${url.protocol === "https:" ? "wss" : "ws"}://${url.hostname}:${config.GATEWAY_PORT}/agent`;
}

export async function prepareAgentPackage(ctx: ServiceContext, input: { platform: AgentPlatform; siteId?: number; config: Config; root: string }) {
  const spec = PACKAGES[input.platform];
  const binaryPath = path.join(input.root, AGENT_DIST_DIR, spec.binary);
  if (!existsSync(binaryPath)) throw new AppError("UNAVAILABLE", `The ${input.platform} agent has not been built; run \`npm run build:agent\``);
  const token = await createEnrollmentToken(ctx, { label: `${input.platform} download`, siteId: input.siteId, ...DOWNLOAD_TOKEN_POLICY });
  const serverJson = { gatewayUrl: gatewayUrlFor(input.config), enrollmentToken: token.token };
  return { binaryPath, binaryName: spec.binary, script: spec.script, serverJson, expiresAt: token.expiresAt.toISOString(), maxUses: token.maxUses };
}

export async function zipAgentPackage(pkg: Awaited<ReturnType<typeof prepareAgentPackage>>): Promise<Buffer> {
  const zip = new ZipFile();
  const executable = 0o100755;
  zip.addBuffer(await readFile(pkg.binaryPath), pkg.binaryName, { mode: executable });
  zip.addBuffer(Buffer.from(pkg.script.text), pkg.script.name, { mode: executable });
  zip.addBuffer(Buffer.from(`${JSON.stringify(pkg.serverJson, null, 2)}\n`), "server.json", { mode: 0o100600 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
