/**
 * The agent's own lifecycle: `uninstall` (a removed device removes itself) and self-update (the
 * gateway offers the current release with `agent-update-available`, the agent downloads it from
 * the gateway over HTTP with its own credential and reports progress with `agent-update-status`).
 * Named `agent-update-*` to keep them apart from the operating system's updates (updates.ts).
 */
import { z } from "zod";
import { byteCount } from "./common";
import { defineCommand, defineMessage, type CommandSpec } from "./envelope";

/** The server is about to revoke this agent: acknowledge, then remove yourself. */
export const uninstallCommand = defineCommand("uninstall", {});

export const uninstallResult = z.object({
  /** `service`: the service and its folder go; `files`: run by hand, only its credentials and server.json go. */
  mode: z.enum(["service", "files"]),
});

export const lifecycleCommands = {
  uninstall: { command: uninstallCommand, result: uninstallResult },
} satisfies Record<string, CommandSpec>;

/** `major.minor.patch`, optionally with a pre-release or build suffix. */
export const agentReleaseVersion = z.string().max(64).regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, "expected a version like 1.2.3");

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");

/** Single executables are about 100 MiB; anything past 1 GiB is not one of ours. */
export const MAX_RELEASE_BYTES = 1024 ** 3;

/** gateway → agent: a newer release is due for this agent. */
export const agentUpdateAvailableMessage = defineMessage("agent-update-available", {
  version: agentReleaseVersion,
  sha256: sha256Hex,
  size: byteCount.max(MAX_RELEASE_BYTES),
});

export const AGENT_UPDATE_STATES = [
  "downloading", // fetching the release from the gateway
  "installing", // verified and swapped in; the agent restarts into it
  "failed", // download, verification or swap failed; the running version stays
  "rolled-back", // the new version did not connect in time and the previous one was restored
  "declined", // this agent cannot update itself (not installed as a service)
] as const;

/** agent → gateway: progress of an offered update. Success shows as the new version in `hello`. */
export const agentUpdateStatusMessage = defineMessage("agent-update-status", {
  version: agentReleaseVersion,
  state: z.enum(AGENT_UPDATE_STATES),
  message: z.string().max(1024).optional(),
});

/**
 * `agent/dist/release.json`, written by `npm run build:agent` beside the executables and read by
 * the server to know what to offer: the version built and each executable's hash and size.
 */
export const agentReleaseManifest = z.object({
  version: agentReleaseVersion,
  files: z.array(z.object({ platform: z.string().min(1).max(32), file: z.string().max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a file name in agent/dist"), sha256: sha256Hex, size: byteCount.max(MAX_RELEASE_BYTES) })).min(1),
});

/** Where the agent downloads a release: beside its WebSocket path on the gateway, `?version=`. */
export const AGENT_UPDATE_PATH_SUFFIX = "/update";

/** The HTTP(S) URL of a release on the gateway the agent connects to (ws → http, wss → https). */
export function agentUpdateUrl(gatewayUrl: string, version: string): string {
  const url = new URL(gatewayUrl);
  url.protocol = url.protocol === "wss:" ? "https:" : "http:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${AGENT_UPDATE_PATH_SUFFIX}`;
  url.search = new URLSearchParams({ version }).toString();
  return url.toString();
}

export type AgentReleaseManifest = z.infer<typeof agentReleaseManifest>;
export type UninstallResult = z.infer<typeof uninstallResult>;
export type AgentUpdateAvailableMessage = z.infer<typeof agentUpdateAvailableMessage>;
export type AgentUpdateStatusMessage = z.infer<typeof agentUpdateStatusMessage>;
export type AgentUpdateState = (typeof AGENT_UPDATE_STATES)[number];
