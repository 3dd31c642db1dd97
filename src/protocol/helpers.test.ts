import { describe, expect, it } from "vitest";
import { commandFailed, commandSucceeded, createCommand, isCommandType, parseCommandResult, toGatewayError } from "./helpers";
import { commandResultMessage } from "./envelope";
import { COMMAND_TYPES, commandTable } from "./messages";

describe("command table", () => {
  it("keys every command by the type its schema accepts", () => {
    for (const type of COMMAND_TYPES) {
      const probe = commandTable[type].command.safeParse({ type, commandId: crypto.randomUUID() });
      const issues = probe.success ? [] : probe.error.issues;
      // A missing payload field is fine here; a wrong literal `type` is not.
      expect(issues.filter((issue) => issue.path[0] === "type")).toEqual([]);
    }
  });

  it("covers every server→agent type named by the spec's WebSocket table", () => {
    const specTypes = [
      "start-shell", "shell-input", "start-screen", "screen-answer", "screen-candidate", "request-updates",
      "install-updates", "request-bsod", "list-processes", "kill-process", "list-software", "uninstall-software",
      "list-services", "manage-service", "list-firewall", "firewall-action", "download-file", "upload-file-start",
      "upload-file-chunk", "upload-file-end", "request-event-stats", "request-event-entries", "monitoring-status",
      "chat-request", "run-remediation",
    ];
    expect(COMMAND_TYPES).toEqual(expect.arrayContaining(specTypes));
  });
});

describe("envelope builders", () => {
  it("creates commands with a fresh uuid, or the one given", () => {
    const a = createCommand("list-processes", {});
    const b = createCommand("list-processes", {});
    expect(a.commandId).not.toEqual(b.commandId);
    expect(createCommand("kill-process", { processId: 5 }, "id-from-db")).toEqual({
      type: "kill-process",
      commandId: "id-from-db",
      processId: 5,
    });
  });

  it("builds replies that pass the envelope schema", () => {
    const command = createCommand("kill-process", { processId: 5 });
    const ok = commandSucceeded(command, { processId: 5, killed: true });
    const failed = commandFailed(command.commandId, "not-found", "no such process");
    expect(commandResultMessage.parse(ok)).toEqual(ok);
    expect(commandResultMessage.parse(failed)).toEqual(failed);
  });

  it("checks a result against its command's schema", () => {
    expect(parseCommandResult("kill-process", { processId: 5, killed: true }).success).toBe(true);
    expect(parseCommandResult("kill-process", { processId: 5, killed: false }).success).toBe(false);
    expect(parseCommandResult("install-updates", { accepted: true }).success).toBe(true);
  });

  it("recognises command types", () => {
    expect(isCommandType("list-services")).toBe(true);
    expect(isCommandType("hello")).toBe(false);
  });

  it("answers a parse error with the commandId, else the type", () => {
    expect(toGatewayError({ code: "invalid", message: "m", messageType: "t", commandId: "c" })).toEqual({
      type: "error",
      code: "invalid",
      message: "m",
      inReplyTo: "c",
    });
    expect(toGatewayError({ code: "invalid", message: "m", messageType: "t" }).inReplyTo).toBe("t");
    expect(toGatewayError({ code: "malformed", message: "m" })).not.toHaveProperty("inReplyTo");
  });
});
