import { describe, expect, it, vi } from "vitest";
import { createCommand, serverCommand } from "../../../src/protocol";
import { CommandError } from "../command-error";
import { CommandDispatcher, type HandlerTable } from "./dispatcher";
import { testCommandContext } from "./test-context";

const killed = (processId: number) => ({ processId, killed: true as const });

/** Sends a command through the protocol schema, as the agent receives it, and decodes the reply. */
async function replyTo(dispatcher: CommandDispatcher, command: unknown) {
  return JSON.parse(await dispatcher.dispatch(serverCommand.parse(command)).reply);
}

describe("CommandDispatcher", () => {
  it("wraps a handler's result in a successful command-result", async () => {
    const dispatcher = new CommandDispatcher({ "kill-process": async ({ processId }) => killed(processId) }, testCommandContext());
    const command = createCommand("kill-process", { processId: 7 });
    expect(await replyTo(dispatcher, command)).toEqual({
      type: "command-result",
      commandId: command.commandId,
      ok: true,
      result: { processId: 7, killed: true },
    });
  });

  it("runs a re-delivered command once and repeats its reply", async () => {
    const kill = vi.fn(async ({ processId }: { processId: number }) => killed(processId));
    const dispatcher = new CommandDispatcher({ "kill-process": kill }, testCommandContext());
    const command = createCommand("kill-process", { processId: 7 });
    const first = await replyTo(dispatcher, command);
    expect(await replyTo(dispatcher, command)).toEqual(first);
    expect(kill).toHaveBeenCalledTimes(1);
  });

  it("answers commands without a handler with unsupported", async () => {
    const dispatcher = new CommandDispatcher({}, testCommandContext());
    const reply = await replyTo(dispatcher, createCommand("list-services", {}));
    expect(reply).toMatchObject({ ok: false, error: { code: "unsupported" } });
  });

  it("maps CommandError codes and other failures", async () => {
    const handlers: HandlerTable = {
      "kill-process": async () => {
        throw new CommandError("not-found", "no process with id 7");
      },
      "list-processes": async () => {
        throw new Error("disk on fire");
      },
    };
    const dispatcher = new CommandDispatcher(handlers, testCommandContext());
    expect(await replyTo(dispatcher, createCommand("kill-process", { processId: 7 }))).toMatchObject({
      ok: false,
      error: { code: "not-found", message: "no process with id 7" },
    });
    expect(await replyTo(dispatcher, createCommand("list-processes", {}))).toMatchObject({
      ok: false,
      error: { code: "failed", message: "disk on fire" },
    });
  });

  it("refuses to send a result that breaks the protocol", async () => {
    const dispatcher = new CommandDispatcher({ "kill-process": async () => ({ processId: -1, killed: true }) as never }, testCommandContext());
    expect(await replyTo(dispatcher, createCommand("kill-process", { processId: 7 }))).toMatchObject({
      ok: false,
      error: { code: "failed" },
    });
  });

  it("answers an unparseable command that carried a commandId", () => {
    const dispatcher = new CommandDispatcher({}, testCommandContext());
    const commandId = crypto.randomUUID();
    const unknown = dispatcher.rejectUnparsed({ code: "unknown-type", message: "unknown", commandId });
    const invalid = dispatcher.rejectUnparsed({ code: "invalid", message: "bad pid", commandId });
    expect(JSON.parse(unknown!)).toMatchObject({ commandId, ok: false, error: { code: "unsupported" } });
    expect(JSON.parse(invalid!)).toMatchObject({ commandId, ok: false, error: { code: "invalid", message: "bad pid" } });
    expect(dispatcher.rejectUnparsed({ code: "malformed", message: "not json" })).toBeNull();
  });

  it("announces the command types it handles", () => {
    const dispatcher = new CommandDispatcher({ "kill-process": async ({ processId }) => killed(processId) }, testCommandContext());
    expect(dispatcher.features).toEqual(["kill-process"]);
  });
});
