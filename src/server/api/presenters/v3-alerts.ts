/** Tactical RMM's (/api/v3) shape of an alert. */
import { z } from "zod";
import type { AlertView } from "../../services/alerts";
import type { Presenter } from "../route-types";

export const v3Alert = z.object({
  id: z.number().int(),
  alert_type: z.string().describe("`rule` (a monitoring profile's threshold) or `check`"),
  agent: z.string(),
  hostname: z.string(),
  severity: z.enum(["info", "warning", "critical"]),
  message: z.string(),
  created_at: z.string(),
  snoozed: z.boolean(),
  acknowledged: z.boolean(),
  resolved: z.boolean(),
});

export function toV3Alert(alert: AlertView, now = new Date()): z.infer<typeof v3Alert> {
  return {
    id: alert.id,
    alert_type: alert.alertType,
    agent: alert.agentId,
    hostname: alert.agentName,
    severity: alert.severity,
    message: alert.message,
    created_at: alert.createdAt.toISOString(),
    snoozed: alert.snoozedUntil !== null && alert.snoozedUntil > now,
    acknowledged: alert.status === "acknowledged",
    resolved: alert.status === "resolved",
  };
}

export const v3AlertList: Presenter<AlertView[]> = { schema: z.array(v3Alert), present: (list) => list.map((alert) => toV3Alert(alert)) };
export const v3AlertDetail: Presenter<AlertView> = { schema: v3Alert, present: (alert) => toV3Alert(alert) };
