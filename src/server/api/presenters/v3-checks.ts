/** Tactical RMM's (/api/v3) shape of a check, and the body that creates one (our addition). */
import { z } from "zod";
import { CHECK_TYPES, type CheckView } from "../../contracts/checks";
import type { Presenter, RouteRequest } from "../route-types";

export const v3Check = z.object({
  id: z.number().int(),
  agent: z.string(),
  check_type: z.enum(CHECK_TYPES),
  name: z.string(),
  status: z.enum(["pending", "passing", "failing"]),
  more_info: z.string(),
  last_run: z.string().nullable(),
});

export function toV3Check(check: CheckView): z.infer<typeof v3Check> {
  return {
    id: check.id,
    agent: check.agentId,
    check_type: check.checkType,
    name: check.name,
    status: check.status,
    more_info: check.moreInfo,
    last_run: check.lastRun?.toISOString() ?? null,
  };
}

export const v3CheckList: Presenter<CheckView[]> = { schema: z.array(v3Check), present: (list) => list.map(toV3Check) };
export const v3CheckDetail: Presenter<CheckView> = { schema: v3Check, present: toV3Check };

export const v3CreateCheckBody = z.object({
  agent: z.string(),
  check_type: z.enum(CHECK_TYPES),
  name: z.string(),
  severity: z.enum(["info", "warning", "critical"]).optional(),
  alert_profile: z.string().optional().describe("an alert profile id: who is notified, which remediation script runs"),
  threshold: z.number().optional().describe("diskspace: minimum free %; cpuload, memory: maximum %"),
  drive: z.string().optional().describe("diskspace: a drive or mount point (default: all local disks)"),
  host: z.string().optional().describe("ping: the host the agent pings"),
  service: z.string().optional().describe("winsvc: the service's name"),
  expected: z.string().optional().describe("winsvc: the wanted state (default running)"),
  script: z.string().optional().describe("script: a library script's name"),
  args: z.array(z.string()).optional(),
  timeout: z.number().int().optional().describe("script: seconds, at most 300"),
  log: z.string().optional().describe("eventlog: one log (default: all)"),
  level: z.enum(["critical", "error", "warning", "information"]).optional(),
  hours: z.number().int().optional().describe("eventlog: how far back to count"),
  max_count: z.number().int().optional().describe("eventlog: the most entries that still pass"),
});

/** Settings by their Tactical RMM name -> ours. */
const CONFIG_FIELDS: Record<string, string> = { threshold: "threshold", drive: "drive", host: "host", service: "service", expected: "expected", script: "script", args: "args", timeout: "timeoutSeconds", log: "log", level: "level", hours: "hours", max_count: "maxCount" };

export function v3CreateCheckInput({ body }: RouteRequest) {
  const fields = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const config: Record<string, unknown> = { checkType: fields.check_type };
  for (const [theirs, ours] of Object.entries(CONFIG_FIELDS)) if (fields[theirs] !== undefined) config[ours] = fields[theirs];
  return { agentId: fields.agent, name: fields.name, severity: fields.severity, alertProfileId: fields.alert_profile, config };
}
