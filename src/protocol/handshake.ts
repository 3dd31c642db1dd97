/**
 * Connection handshake: the credentials carried on the HTTP upgrade,
 * `enrolled` (first connection only), the agent's `hello` with its
 * inventory, and the gateway's `hello-ack`.
 */
import { z } from "zod";
import { byteCount, isoTimestamp } from "./common";
import { defineMessage } from "./envelope";

/** Bumped when a change is not backward compatible for either side. */
export const PROTOCOL_VERSION = 1;

/** Upgrade header carrying a one-time enrollment token (first connection). */
export const ENROLLMENT_TOKEN_HEADER = "x-enrollment-token";

/**
 * Agent ids and secrets travel as `Bearer <agentId>.<agentSecret>`, so both
 * are restricted to URL-safe characters and can never contain the dot.
 */
const credentialPart = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "expected 1-256 characters of [A-Za-z0-9_-]");

export const agentId = credentialPart;
export const agentSecret = credentialPart;

export interface AgentCredentials {
  agentId: string;
  agentSecret: string;
}

/** The `authorization` header value an enrolled agent connects with. */
export function formatAgentAuthorization({ agentId, agentSecret }: AgentCredentials): string {
  return `Bearer ${agentId}.${agentSecret}`;
}

/** Reads an `authorization` header; null when it is not a well-formed agent credential. */
export function parseAgentAuthorization(header: string | undefined): AgentCredentials | null {
  const match = /^Bearer ([^.\s]+)\.([^.\s]+)$/.exec(header ?? "");
  if (!match) return null;
  const id = agentId.safeParse(match[1]);
  const secret = agentSecret.safeParse(match[2]);
  return id.success && secret.success ? { agentId: id.data, agentSecret: secret.data } : null;
}

/** gateway → agent, right after an upgrade authorised by an enrollment token. */
export const enrolledMessage = defineMessage("enrolled", { agentId, agentSecret });

export const diskInfo = z.object({
  mount: z.string().min(1).max(1024),
  totalBytes: byteCount,
  /** Free for ordinary users (statfs `bavail`, df's "Avail"); root may have more. */
  freeBytes: byteCount,
  /**
   * In use (df's "Used"). Less than total - free where the file system keeps blocks for root
   * (ext4 keeps 5 %); absent where there is no such reserve, and from agents older than it.
   */
  usedBytes: byteCount.optional(),
  fsType: z.string().max(64).optional(),
});

/**
 * A disk as df counts it: its used bytes and what users can fill (used + free). The root reserve
 * is in neither, so a disk whose users can write nothing more is 100 % used, as df says.
 */
export function diskUsage(disk: Pick<DiskInfo, "totalBytes" | "freeBytes" | "usedBytes">): { usedBytes: number; usableBytes: number } {
  const usedBytes = disk.usedBytes ?? Math.max(0, disk.totalBytes - disk.freeBytes);
  return { usedBytes, usableBytes: usedBytes + disk.freeBytes };
}

export const hostSpecs = z.object({
  cpu: z.object({ model: z.string().max(256), cores: z.number().int().positive() }),
  memoryBytes: byteCount,
  disks: z.array(diskInfo).max(256),
});

/**
 * The OS description is built by the agent from the OS's own strings, with no fixed length: the
 * agent cuts it to this, since refusing it would refuse the whole hello and cost a machine its
 * connection over a label. Names typed by people are refused with a 400 instead, never cut.
 */
export const OS_DESCRIPTION_MAX_CHARS = 255;

/** agent → gateway, first message on every connection once the agent knows its id. */
export const helloMessage = defineMessage("hello", {
  agentId,
  name: z.string().min(1).max(255),
  os: z.string().max(OS_DESCRIPTION_MAX_CHARS),
  /** Node's `process.platform` of the agent: "win32", "linux", ... */
  platform: z.string().min(1).max(32),
  loggedInUser: z.string().max(256).nullable(),
  specs: hostSpecs,
  /** Command types this agent implements; anything else is answered `unsupported`. */
  features: z.array(z.string().max(64)).max(256),
  agentVersion: z.string().min(1).max(64),
  /** The host's own non-loopback interface addresses; optional for agents older than this field. */
  localAddresses: z.array(z.string().min(1).max(64)).max(64).optional(),
  /** When the host last booted, for uptime; optional for agents older than this field. */
  bootTime: isoTimestamp.optional(),
  /** Optional so a gateway can tell old agents apart; absent means version 1. */
  protocolVersion: z.number().int().positive().optional(),
});

/** gateway → agent, once `hello` is accepted. */
export const helloAckMessage = defineMessage("hello-ack", {
  agentId,
  metricsIntervalMs: z.number().int().min(1_000).max(3_600_000),
  serverTime: isoTimestamp,
});

export type DiskInfo = z.infer<typeof diskInfo>;
export type HostSpecs = z.infer<typeof hostSpecs>;
export type HelloMessage = z.infer<typeof helloMessage>;
export type HelloAckMessage = z.infer<typeof helloAckMessage>;
export type EnrolledMessage = z.infer<typeof enrolledMessage>;
