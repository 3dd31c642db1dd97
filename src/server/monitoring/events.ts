/**
 * Monitoring events (`alert`, `monitoring-state`, and later `remediation-*`, `script-run`,
 * `chat-notification`): one fleet-wide stream topic, served live by `GET /monitoring/events` and
 * as history by `GET /monitoring/events/history`. Each payload names its agent, so viewers limited
 * to some clients are shown only their agents' events.
 */
import type { Db } from "../db/client";
import { publishStreamEvent } from "../streams/publish";
import { streamTopic } from "../streams/topics";

export const MONITORING_TOPIC = streamTopic("monitoring", "fleet");

export const MONITORING_EVENT_TYPES = ["alert", "monitoring-state", "alert-acknowledged", "alert-resolved", "remediation-request", "remediation-result", "script-run", "chat-notification"] as const;
export type MonitoringEventType = (typeof MONITORING_EVENT_TYPES)[number];

export type MonitoringEventPayload = { agentId: string; agentName?: string; profileId?: string | null; timestamp: string; [field: string]: unknown };

export async function publishMonitoringEvent(db: Pick<Db, "execute">, type: MonitoringEventType, payload: Omit<MonitoringEventPayload, "timestamp"> & { timestamp?: string }): Promise<void> {
  await publishStreamEvent(db, { topic: MONITORING_TOPIC, event: type, data: { type, timestamp: new Date().toISOString(), ...payload } });
}
