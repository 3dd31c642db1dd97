/** Request and result schemas of device actions (`POST /clients/{agentId}/action` and its bulk form). */
import { z } from "zod";
import { deviceAction, DEVICE_ACTIONS } from "../../protocol/actions";
import { identifier } from "../../protocol/common";
import { agentIdInput, agentIdsInput } from "./agents";

export { DEVICE_ACTIONS };

export const invokeActionInput = z.strictObject({
  agentId: agentIdInput,
  action: deviceAction,
  /** Names the schedule that asked for it; kept in the audit trail until schedules exist. */
  scheduleId: identifier.optional(),
});

export const invokeActionResult = z.object({ agentId: z.string(), action: deviceAction, accepted: z.literal(true) });

export const invokeActionManyInput = z.strictObject({ agentIds: agentIdsInput, action: deviceAction });

export const DEVICE_ACTION_OUTCOMES = ["accepted", "skipped", "failed"] as const;
export const invokeActionManyResult = z.object({
  action: deviceAction,
  results: z.array(
    z.object({
      agentId: z.string(),
      name: z.string(),
      /** `skipped`: offline, nothing was sent; `failed`: the agent refused or did not answer. */
      outcome: z.enum(DEVICE_ACTION_OUTCOMES),
      message: z.string().optional(),
    }),
  ),
});
export type InvokeActionManyResult = z.infer<typeof invokeActionManyResult>;
