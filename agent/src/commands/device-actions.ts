/**
 * `invoke-action`: acknowledged at once, carried out a moment later. A restart or a shutdown takes
 * the agent's connection with it, so the reply must be on its way before anything happens; the
 * outcome follows as an `action-result` when the agent is still there to send it (a refused
 * reboot, for instance). Timers are injected so tests run the order without waiting.
 */
import { deviceAction, type ActionResultMessage, type DeviceAction } from "../../../src/protocol";
import type { PowerCapability } from "../capabilities/power";
import { CommandError } from "../command-error";
import { errorMessage } from "../util";
import type { CommandHandler } from "./dispatcher";

/** Long enough for the acknowledgement to reach the gateway before the machine starts going down. */
export const ACTION_DELAY_MS = 3_000;

export interface DeviceActionDeps {
  power: PowerCapability;
  /** Installed as a service: only then does a restart of the agent's process come back. */
  service: boolean;
  /** Ends the process with the code the service manager restarts on. */
  restartAgent: () => void;
  report: (message: ActionResultMessage) => void;
  delayMs?: number;
  schedule?: (run: () => void, ms: number) => void;
  now?: () => Date;
}

export function deviceActionHandler(deps: DeviceActionDeps): CommandHandler<"invoke-action"> {
  const { delayMs = ACTION_DELAY_MS, schedule = (run, ms) => void setTimeout(run, ms), now = () => new Date() } = deps;

  async function carryOut(action: DeviceAction, commandId: string, scheduleId: string | undefined): Promise<void> {
    if (action === "restart-agent") return deps.restartAgent();
    const outcome = (status: "succeeded" | "failed", message?: string): ActionResultMessage => ({
      type: "action-result",
      commandId,
      action,
      ...(scheduleId ? { scheduleId } : {}),
      status,
      ...(message ? { message: message.slice(0, 4096) } : {}),
      at: now().toISOString(),
    });
    try {
      await (action === "restart" ? deps.power.restart() : deps.power.shutdown());
      deps.report(outcome("succeeded"));
    } catch (error) {
      deps.report(outcome("failed", errorMessage(error)));
    }
  }

  return async ({ action: name, commandId, scheduleId }) => {
    const parsed = deviceAction.safeParse(name);
    if (!parsed.success) throw new CommandError("unsupported", `this agent has no action '${name}'`);
    const action = parsed.data;
    if (action === "restart-agent" && !deps.service) {
      throw new CommandError("unsupported", "the agent is not installed as a service, so nothing would start it again");
    }
    schedule(() => void carryOut(action, commandId, scheduleId), delayMs);
    return { accepted: true as const };
  };
}
