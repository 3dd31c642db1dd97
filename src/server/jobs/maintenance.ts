/**
 * Housekeeping run by every web process (all steps are idempotent, so several processes may run
 * them): agents of dead gateways go offline even when no gateway is left to notice, and expired
 * sessions, old commands, old metrics and ended rate-limit windows are deleted.
 */
import { lt } from "drizzle-orm";
import { deleteExpiredSessions } from "../auth/sessions";
import type { Db } from "../db/client";
import { agentMetrics, commands } from "../db/schema";
import { deleteExpiredRateLimits } from "../rate-limit/store";
import { markAgentsOfDeadGatewaysOffline } from "../services/presence";

const PRESENCE_SWEEP_MS = 10_000;
const CLEANUP_MS = 60 * 60_000;
export const COMMAND_RETENTION_DAYS = 30;
export const METRICS_RETENTION_DAYS = 30;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

export async function cleanUp(db: Db): Promise<void> {
  await deleteExpiredSessions(db);
  await db.delete(commands).where(lt(commands.createdAt, daysAgo(COMMAND_RETENTION_DAYS)));
  await db.delete(agentMetrics).where(lt(agentMetrics.at, daysAgo(METRICS_RETENTION_DAYS)));
  await deleteExpiredRateLimits(db);
}

export function startMaintenance(db: Db): () => void {
  const report = (what: string) => (error: unknown) => console.error(`[web] ${what} failed:`, error);
  const timers = [
    setInterval(() => void markAgentsOfDeadGatewaysOffline(db).catch(report("presence sweep")), PRESENCE_SWEEP_MS),
    setInterval(() => void cleanUp(db).catch(report("cleanup")), CLEANUP_MS),
  ];
  for (const timer of timers) timer.unref();
  void cleanUp(db).catch(report("cleanup"));
  return () => timers.forEach(clearInterval);
}
