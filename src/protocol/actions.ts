/**
 * Named device actions run by the scheduler and the dashboard's buttons:
 * `invoke-action` (acknowledged at once) and its later `action-result`.
 * Not in the spec's WebSocket table, but named by `POST /clients/{agentId}/action`.
 */
import { z } from "zod";
import { accepted, identifier, isoTimestamp, shortText } from "./common";
import { commandId, defineCommand, defineMessage, type CommandSpec } from "./envelope";

/** Kebab-case action names (e.g. `reboot`, `install-approved-updates`); agents answer `unsupported` for ones they lack. */
export const actionName = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/);

/**
 * The actions this product's agents implement and its dashboard and API offer: the machine's
 * power (`restart`, `shutdown`) and the agent's own process (`restart-agent`).
 */
export const DEVICE_ACTIONS = ["restart", "shutdown", "restart-agent"] as const;
export const deviceAction = z.enum(DEVICE_ACTIONS, { error: `must be one of ${DEVICE_ACTIONS.join(", ")}` });
export type DeviceAction = z.infer<typeof deviceAction>;

export const invokeActionCommand = defineCommand("invoke-action", {
  action: actionName,
  scheduleId: identifier.optional(),
});

export const actionResultMessage = defineMessage("action-result", {
  commandId,
  action: actionName,
  scheduleId: identifier.optional(),
  status: z.enum(["succeeded", "failed"]),
  message: shortText(4096).optional(),
  at: isoTimestamp,
});

export const actionCommands = {
  "invoke-action": { command: invokeActionCommand, result: accepted },
} satisfies Record<string, CommandSpec>;

export type ActionResultMessage = z.infer<typeof actionResultMessage>;
