import { describe, expect, it } from "vitest";
import type { ActionResultMessage } from "../../../src/protocol";
import { CommandDispatcher } from "./dispatcher";
import { testCommandContext } from "./test-context";
import { deviceActionHandler } from "./device-actions";

const AT = new Date("2026-11-29T12:00:00.000Z");

function setup({ service = true, restartFails = false } = {}) {
  const events: string[] = [];
  const reports: ActionResultMessage[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const handler = deviceActionHandler({
    power: {
      restart: async () => {
        events.push("restart");
        if (restartFails) throw new Error("Access is denied.");
      },
      shutdown: async () => void events.push("shutdown"),
    },
    service,
    restartAgent: () => events.push("restart-agent"),
    report: (message) => reports.push(message),
    delayMs: 2_000,
    schedule: (run, ms) => timers.push({ run, ms }),
    now: () => AT,
  });
  const dispatcher = new CommandDispatcher({ "invoke-action": handler }, testCommandContext());
  const invoke = async (action: string, scheduleId?: string) => JSON.parse(await dispatcher.dispatch({ type: "invoke-action", commandId: `c-${action}`, action, ...(scheduleId ? { scheduleId } : {}) }).reply);
  const fire = async () => {
    for (const timer of timers.splice(0)) timer.run();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { events, reports, timers, invoke, fire };
}

describe("invoke-action", () => {
  it("acknowledges first and restarts only when the delay has passed", async () => {
    const { events, reports, timers, invoke, fire } = setup();
    const reply = await invoke("restart", "nightly");
    expect(reply).toMatchObject({ type: "command-result", commandId: "c-restart", ok: true, result: { accepted: true } });
    expect(events).toEqual([]);
    expect(timers.map((timer) => timer.ms)).toEqual([2_000]);
    await fire();
    expect(events).toEqual(["restart"]);
    expect(reports).toEqual([{ type: "action-result", commandId: "c-restart", action: "restart", scheduleId: "nightly", status: "succeeded", at: AT.toISOString() }]);
  });

  it("shuts down after the delay", async () => {
    const { events, invoke, fire } = setup();
    await invoke("shutdown");
    expect(events).toEqual([]);
    await fire();
    expect(events).toEqual(["shutdown"]);
  });

  it("reports a refused restart as a failed action-result", async () => {
    const { reports, invoke, fire } = setup({ restartFails: true });
    await invoke("restart");
    await fire();
    expect(reports).toEqual([expect.objectContaining({ action: "restart", status: "failed", message: "Access is denied." })]);
  });

  it("restarts its own process through the service manager, after the acknowledgement", async () => {
    const { events, invoke, fire } = setup();
    expect((await invoke("restart-agent")).ok).toBe(true);
    expect(events).toEqual([]);
    await fire();
    expect(events).toEqual(["restart-agent"]);
  });

  it("refuses restart-agent when nothing would start it again", async () => {
    const { events, timers, invoke } = setup({ service: false });
    expect(await invoke("restart-agent")).toMatchObject({ ok: false, error: { code: "unsupported" } });
    expect(timers).toEqual([]);
    expect(events).toEqual([]);
  });

  it("answers unsupported for an action it does not have, and does nothing", async () => {
    const { timers, invoke } = setup();
    expect(await invoke("install-approved-updates")).toMatchObject({ ok: false, error: { code: "unsupported" } });
    expect(timers).toEqual([]);
  });
});
