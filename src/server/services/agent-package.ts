/**
 * The agent download: a ZIP (or, for deployment links to Linux, a tar.gz, which needs nothing but
 * `tar` to unpack) with the agent executable, a start script and `server.json` (the gateway URL as
 * seen from PUBLIC_URL and an enrollment token).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ZipFile } from "yazl";
import type { Config } from "../config";
import { DOWNLOAD_TOKEN_POLICY, type AgentPlatform } from "../contracts/enrollment";
import { AppError } from "../errors";
import { createEnrollmentToken } from "./enrollment";
import { tarGz } from "./tar-gz";
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

/** What goes into a package; the archive writers below turn it into bytes. */
export type AgentPackageFiles = {
  binaryPath: string;
  binaryName: string;
  script: { name: string; text: string };
  serverJson: { gatewayUrl: string; enrollmentToken: string; installFlags?: string[] };
};

/** The executable and start script of a platform; UNAVAILABLE when it has not been built. */
export function agentBuild(platform: AgentPlatform, root: string) {
  const spec = PACKAGES[platform];
  const binaryPath = path.join(root, AGENT_DIST_DIR, spec.binary);
  if (!existsSync(binaryPath)) throw new AppError("UNAVAILABLE", `The ${platform} agent has not been built; run \`npm run build:agent\``);
  return { binaryPath, binaryName: spec.binary, script: spec.script };
}

export async function prepareAgentPackage(ctx: ServiceContext, input: { platform: AgentPlatform; siteId?: number; config: Config; root: string }) {
  const build = agentBuild(input.platform, input.root);
  const token = await createEnrollmentToken(ctx, { label: `${input.platform} download`, siteId: input.siteId, ...DOWNLOAD_TOKEN_POLICY });
  const serverJson = { gatewayUrl: gatewayUrlFor(input.config), enrollmentToken: token.token };
  return { ...build, serverJson, expiresAt: token.expiresAt.toISOString(), maxUses: token.maxUses };
}

const EXECUTABLE = 0o755;

async function packageEntries(pkg: AgentPackageFiles) {
  return [
    { name: pkg.binaryName, data: await readFile(pkg.binaryPath), mode: EXECUTABLE },
    { name: pkg.script.name, data: Buffer.from(pkg.script.text), mode: EXECUTABLE },
    { name: "server.json", data: Buffer.from(`${JSON.stringify(pkg.serverJson, null, 2)}\n`), mode: 0o600 },
  ];
}

export async function tarGzAgentPackage(pkg: AgentPackageFiles): Promise<Buffer> {
  return tarGz(await packageEntries(pkg));
}

export async function zipAgentPackage(pkg: AgentPackageFiles): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of await packageEntries(pkg)) zip.addBuffer(entry.data, entry.name, { mode: 0o100000 | entry.mode });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
