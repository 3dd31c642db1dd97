/** Request and response schemas of checks (Tactical RMM's check types, specification 003). */
import { z } from "zod";
import { pingHost, serviceName } from "../../protocol";
import { agentIdInput } from "./agents";
import { ALERT_SEVERITIES } from "./monitoring";

export const CHECK_TYPES = ["diskspace", "cpuload", "memory", "ping", "winsvc", "script", "eventlog"] as const;
export type CheckType = (typeof CHECK_TYPES)[number];
export const CHECK_STATUSES = ["pending", "passing", "failing"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

const percent = z.number({ error: "must be a number" }).min(1, "must be at least 1").max(99, "must be at most 99");
const EVENT_LEVELS = ["critical", "error", "warning", "information"] as const;

/** Each type's settings; `threshold` is a percentage (free space for disks, usage for CPU and memory). */
export const checkConfig = z.discriminatedUnion("checkType", [
  /** Fails when a drive's free space (or, without `drive`, all local disks') is below `threshold` %. */
  z.strictObject({ checkType: z.literal("diskspace"), drive: z.string().trim().min(1).max(256).optional(), threshold: percent }),
  z.strictObject({ checkType: z.literal("cpuload"), threshold: percent }),
  z.strictObject({ checkType: z.literal("memory"), threshold: percent }),
  z.strictObject({ checkType: z.literal("ping"), host: pingHost }),
  /** Fails unless the service's state is `expected` (default running). */
  z.strictObject({ checkType: z.literal("winsvc"), service: serviceName, expected: z.string().trim().min(1).max(32).default("running") }),
  /** Fails unless the library script exits with 0. */
  z.strictObject({ checkType: z.literal("script"), script: z.string().trim().min(1).max(128), args: z.array(z.string().max(1024)).max(20).default([]), timeoutSeconds: z.number().int().min(1).max(300).default(60) }),
  /** Fails when the logs (or the named one) hold more than `maxCount` entries at `level` in the last `hours`. */
  z.strictObject({ checkType: z.literal("eventlog"), log: z.string().trim().min(1).max(256).optional(), level: z.enum(EVENT_LEVELS).default("error"), hours: z.number().int().min(1).max(168).default(1), maxCount: z.number().int().min(0).max(1_000_000).default(0) }),
]);
export type CheckConfig = z.infer<typeof checkConfig>;

export const createCheckInput = z.strictObject({
  agentId: agentIdInput,
  name: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(128),
  severity: z.enum(ALERT_SEVERITIES).default("warning"),
  alertProfileId: z.uuid({ error: "must be an alert profile id" }).nullish(),
  config: checkConfig,
});
export type CreateCheckInput = z.infer<typeof createCheckInput>;

export const listChecksInput = z.strictObject({ agentId: agentIdInput.optional() });
export const checkIdInput = z.strictObject({ id: z.number().int().positive() });

export const checkView = z.object({
  id: z.number().int(),
  agentId: z.string(),
  checkType: z.enum(CHECK_TYPES),
  name: z.string(),
  config: checkConfig,
  severity: z.enum(ALERT_SEVERITIES),
  alertProfileId: z.string().nullable(),
  status: z.enum(CHECK_STATUSES),
  moreInfo: z.string(),
  lastRun: z.date().nullable(),
  createdAt: z.date(),
});
export type CheckView = z.infer<typeof checkView>;
