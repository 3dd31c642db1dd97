/**
 * Queuing a remediation when an alert is raised: if the alert's profile names a remediation script,
 * one `remediations` row (the outbox the remediation job works, in the web process that can talk to
 * agents) and a `remediation-request` event. Written by whoever raised the alert, the gateway or
 * the checks job, so raising an alert never waits for a script.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertProfiles, remediations } from "../db/schema";
import { publishMonitoringEvent } from "../monitoring/events";

export async function queueRemediation(db: Db, input: { alertId: number; agentId: string; agentName: string; alertProfileId: string | null }): Promise<number | null> {
  if (!input.alertProfileId) return null;
  const [profile] = await db.select({ script: alertProfiles.remediationScript }).from(alertProfiles).where(eq(alertProfiles.id, input.alertProfileId));
  const scriptName = profile?.script?.trim();
  if (!scriptName) return null;
  const [row] = await db.insert(remediations).values({ alertId: input.alertId, agentId: input.agentId, scriptName }).returning({ id: remediations.id });
  await publishMonitoringEvent(db, "remediation-request", { agentId: input.agentId, agentName: input.agentName, alertId: input.alertId, remediationId: row!.id, scriptName });
  return row!.id;
}
