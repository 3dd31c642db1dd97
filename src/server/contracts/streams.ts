/**
 * Specification 002's live streams: the stream token a browser mints to open one (EventSource sends
 * no headers), the log stream's query, and the events each stream sends. The role of each stream is
 * declared here once: the procedures that open them and the token minting both read it.
 */
import { z } from "zod";
import type { Role } from "../auth/roles";
import { STREAM_TOKEN_KINDS, type StreamTokenKind } from "../auth/stream-tokens";
import { journalUnit, logFilePath, logLine } from "../../protocol";
import { agentIdInput } from "./agents";

/** Metrics are what the device page shows anyone; following a log reads files on the endpoint as the agent's account. */
export const STREAM_ROLES: Record<StreamTokenKind, Role> = { metrics: "viewer", logs: "operator" };

export const createStreamTokenInput = z.strictObject({
  agentId: agentIdInput,
  stream: z.enum(STREAM_TOKEN_KINDS, { error: 'must be "metrics" or "logs"' }),
});

export const streamToken = z.object({
  token: z.string(),
  stream: z.enum(STREAM_TOKEN_KINDS),
  agent_id: z.string(),
  expires_at: z.string().describe("The stream must be opened before this time"),
  expires_in: z.number().int().describe("Seconds"),
});

export const logStreamQuery = z
  .strictObject({
    source: z.enum(["journald", "file"], { error: 'must be "journald" or "file"' }),
    unit: journalUnit.optional(),
    path: logFilePath.optional(),
    token: z.string().max(1024).optional(),
    lastEventId: z.string().max(32).optional(),
  })
  .superRefine((query, issues) => {
    if (query.source === "file" && !query.path) issues.addIssue({ code: "custom", path: ["path"], message: "is required with source=file" });
    if (query.source === "file" && query.unit) issues.addIssue({ code: "custom", path: ["unit"], message: "is for source=journald" });
    if (query.source === "journald" && query.path) issues.addIssue({ code: "custom", path: ["path"], message: "is for source=file" });
  });

export const metricsStreamQuery = z.strictObject({ token: z.string().max(1024).optional(), lastEventId: z.string().max(32).optional() });

export const openLogStreamInput = z.strictObject({
  agentId: agentIdInput,
  source: z.enum(["journald", "file"]),
  unit: journalUnit.optional(),
  path: logFilePath.optional(),
});
export type OpenLogStreamInput = z.infer<typeof openLogStreamInput>;

/** `metrics` events (specification 002's field names). */
export const metricsEvent = z.object({
  agent_id: z.string(),
  timestamp: z.string(),
  cpu_percent: z.number(),
  mem_percent: z.number(),
  disk_percent: z.number(),
  net_rx_bytes_per_sec: z.number(),
  net_tx_bytes_per_sec: z.number(),
});

/** `log` events carry the lines read together; an `end` event says the stream stopped on the endpoint. */
export const logEvent = z.object({ lines: z.array(logLine) });
export const logEndEvent = z.object({ reason: z.enum(["stopped", "failed", "lease-expired"]), message: z.string().optional() });
