/**
 * Housekeeping jobs of the web processes (run once across them, see queue.ts): agents of dead
 * gateways go offline even when no gateway is left to notice, and expired sessions and token
 * families, old commands, metric samples past a day and rollups past a month, old scheduled-task
 * runs, audit entries past AUDIT_RETENTION_DAYS, old stream chunks and ended rate-limit windows are
 * deleted.
 */
import { and, inArray, lt, notInArray, sql } from "drizzle-orm";
import { deleteExpiredSessions } from "../auth/sessions";
import { getConfig } from "../config";
import type { Db } from "../db/client";
import { agentMetricRollups, agentMetrics, auditLog, commands, streamEvents, taskRuns } from "../db/schema";
import { RAW_RETENTION_HOURS, ROLLUP_RETENTION_DAYS } from "../metrics/retention";
import { deleteExpiredRateLimits } from "../rate-limit/store";
import { deleteExpiredTokenFamilies } from "../services/api-tokens";
import { markAgentsOfDeadGatewaysOffline } from "../services/presence";
import { REPLAY_RETENTION_HOURS, TRANSCRIPT_KINDS } from "../streams/topics";
import { defineJob } from "./queue";

export const COMMAND_RETENTION_DAYS = 30;
/** A task every minute leaves 1,440 runs a day; their script runs (and the audit) keep the full record. */
export const TASK_RUN_RETENTION_DAYS = 30;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

export async function cleanUp(db: Db, { auditRetentionDays = getConfig().AUDIT_RETENTION_DAYS } = {}): Promise<void> {
  await deleteExpiredSessions(db);
  await db.delete(commands).where(lt(commands.createdAt, daysAgo(COMMAND_RETENTION_DAYS)));
  await db.delete(agentMetrics).where(lt(agentMetrics.at, daysAgo(RAW_RETENTION_HOURS / 24)));
  await db.delete(agentMetricRollups).where(lt(agentMetricRollups.bucket, daysAgo(ROLLUP_RETENTION_DAYS)));
  await db.delete(taskRuns).where(lt(taskRuns.createdAt, daysAgo(TASK_RUN_RETENTION_DAYS)));
  await db.delete(auditLog).where(lt(auditLog.at, daysAgo(auditRetentionDays)));
  // Transcripts (shell, chat) live as long as the audit entries that link to them; replay buffers a day.
  const kind = sql<string>`split_part(${streamEvents.topic}, ':', 1)`;
  await db.delete(streamEvents).where(and(inArray(kind, [...TRANSCRIPT_KINDS]), lt(streamEvents.createdAt, daysAgo(auditRetentionDays))));
  await db.delete(streamEvents).where(and(notInArray(kind, [...TRANSCRIPT_KINDS]), lt(streamEvents.createdAt, daysAgo(REPLAY_RETENTION_HOURS / 24))));
  await deleteExpiredRateLimits(db);
  await deleteExpiredTokenFamilies(db);
}

/** Every 10 s: with the default presence timeout, agents of a dead gateway show offline within about 25 s. */
export const presenceSweep = defineJob({
  name: "presence-sweep",
  schedule: { everySeconds: 10 },
  // A failed sweep is not retried: the next one, 10 s later, does the same work.
  retry: { retryLimit: 0 },
  timeoutSeconds: 30,
  run: async (_data, { db }) => {
    await markAgentsOfDeadGatewaysOffline(db, { presenceTimeoutMs: getConfig().RMM_PRESENCE_TIMEOUT_MS });
  },
});

export const cleanup = defineJob({
  name: "cleanup",
  schedule: { cron: "0 * * * *" },
  run: (_data, { db }) => cleanUp(db),
});
