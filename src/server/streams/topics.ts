/**
 * Stream topics: `<kind>:<agentId>` (plus a suffix for kinds that have several streams per agent).
 * The kind decides how long its rows are kept: shell and chat rows are transcripts, kept as long as
 * the audit log that links to them; the others are only there to replay a reconnecting viewer.
 */
export const STREAM_KINDS = ["shell", "chat", "logs", "metrics", "monitoring"] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

/** Kept for AUDIT_RETENTION_DAYS (monitoring events are the alert history); every other kind for REPLAY_RETENTION_HOURS. */
export const TRANSCRIPT_KINDS: readonly StreamKind[] = ["shell", "chat", "monitoring"];
export const REPLAY_RETENTION_HOURS = 24;

export function streamTopic(kind: StreamKind, agentId: string, suffix?: string): string {
  return suffix ? `${kind}:${agentId}:${suffix}` : `${kind}:${agentId}`;
}

/** The NOTIFY payload must stay far below PostgreSQL's 8000 bytes whatever a suffix holds. */
export const MAX_TOPIC_LENGTH = 256;
