/**
 * Device actions (restart, shut down, restart the agent): `invoke-action` to one agent, or to
 * every online agent of a selection. The agent acknowledges before it acts, so a success here
 * means "accepted"; each attempt is audited with its outcome, and so is what the agent reports
 * afterwards (`action-result`, written by the gateway that receives it).
 */
import { inArray } from "drizzle-orm";
import type { ActionResultMessage, DeviceAction } from "../../protocol";
import type { InvokeActionManyResult } from "../contracts/device-actions";
import { agents } from "../db/schema";
import { AppError } from "../errors";
import type { Db } from "../db/client";
import { recordAudit } from "./audit";
import type { ServiceContext } from "./service-context";

type Single = { agentId: string; action: DeviceAction; scheduleId?: string };

async function sendAction(ctx: ServiceContext, input: Single, extra: Record<string, unknown> = {}): Promise<void> {
  const details = { action: input.action, ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}), ...extra };
  try {
    await ctx.request(input.agentId, "invoke-action", { action: input.action, ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}) });
    await ctx.audit({ action: "agent.action", target: input.agentId, success: true, details });
  } catch (error) {
    await ctx.audit({ action: "agent.action", target: input.agentId, success: false, details: { ...details, error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
}

export async function invokeAction(ctx: ServiceContext, input: Single) {
  await sendAction(ctx, input);
  return { agentId: input.agentId, action: input.action, accepted: true as const };
}

/** Online agents are asked side by side; offline ones are listed as skipped, not failed, since nothing was tried. */
export async function invokeActionMany(ctx: ServiceContext, input: { agentIds: string[]; action: DeviceAction }): Promise<InvokeActionManyResult> {
  const unique = [...new Set(input.agentIds)];
  const rows = await ctx.db.select({ id: agents.id, name: agents.name, displayName: agents.displayName, status: agents.status }).from(agents).where(inArray(agents.id, unique));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const results = await Promise.all(
    unique.map(async (agentId) => {
      const row = byId.get(agentId);
      const name = row?.displayName ?? row?.name ?? agentId;
      if (row?.status !== "online") return { agentId, name, outcome: "skipped" as const, message: "offline" };
      try {
        await sendAction(ctx, { agentId, action: input.action }, { bulk: true });
        return { agentId, name, outcome: "accepted" as const };
      } catch (error) {
        // An agent that dropped off between the read and the send counts as skipped too.
        if (error instanceof AppError && error.code === "AGENT_OFFLINE") return { agentId, name, outcome: "skipped" as const, message: "offline" };
        return { agentId, name, outcome: "failed" as const, message: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return { action: input.action, results };
}

/** The agent's later word on an action (a refused reboot, above all), kept beside the request in the audit log. */
export async function recordActionResult(db: Db, agentId: string, message: ActionResultMessage): Promise<void> {
  const { commandId, action, scheduleId, status, message: text } = message;
  await recordAudit(db, {
    actor: null,
    action: "agent.action-result",
    target: agentId,
    success: status === "succeeded",
    details: { commandId, action, ...(scheduleId ? { scheduleId } : {}), ...(text ? { message: text } : {}) },
  });
}
