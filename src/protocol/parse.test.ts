import { describe, expect, it } from "vitest";
import { createCommand, toGatewayError } from "./helpers";
import { COMMAND_TYPES } from "./messages";
import { parseAgentMessage, parseServerMessage } from "./parse";
import { sampleAgentMessages, sampleCommandPayloads } from "./test-samples";

describe("parseServerMessage", () => {
  it.each(COMMAND_TYPES)("accepts a well-formed %s command", (type) => {
    const command = createCommand(type, sampleCommandPayloads[type]);
    const parsed = parseServerMessage(JSON.stringify(command));
    expect(parsed).toMatchObject({ ok: true, message: { type, commandId: command.commandId } });
  });

  it("accepts the handshake replies", () => {
    const messages = [
      { type: "enrolled", agentId: "a1", agentSecret: "s3cr3t" },
      { type: "hello-ack", agentId: "a1", metricsIntervalMs: 15_000, serverTime: "2025-01-01T00:00:00.000Z" },
      { type: "error", code: "invalid", message: "bad", inReplyTo: "hello" },
      { type: "file-stream-end", transferId: crypto.randomUUID(), ok: true, bytes: 12 },
      { type: "file-stream-end", transferId: crypto.randomUUID(), ok: false, error: { code: "failed", message: "the relay request was aborted" } },
    ];
    for (const message of messages) expect(parseServerMessage(JSON.stringify(message)).ok).toBe(true);
  });

  it("applies defaults so the agent sees complete commands", () => {
    const parsed = parseServerMessage(JSON.stringify(createCommand("download-file", { path: "/etc/hosts" })));
    expect(parsed).toMatchObject({ ok: true, message: { offset: 0, length: 4 * 1024 * 1024 } });
  });

  it("refuses a command without a uuid commandId", () => {
    const parsed = parseServerMessage(JSON.stringify({ type: "list-processes", commandId: "42" }));
    expect(parsed).toMatchObject({ ok: false, error: { code: "invalid", commandId: "42", messageType: "list-processes" } });
  });

  it("refuses a non-positive or fractional pid and reports the field", () => {
    for (const processId of [0, -3, 1.5, "12"]) {
      const parsed = parseServerMessage(JSON.stringify({ ...createCommand("kill-process", { processId: 1 }), processId }));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toContain("processId");
    }
  });

  it("refuses a firewall-action whose fields do not match its action", () => {
    const command = { ...createCommand("firewall-action", { action: "delete-rule", ruleName: "x" }), action: "set-state" };
    expect(parseServerMessage(JSON.stringify(command))).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("refuses an upload chunk larger than 256 KiB", () => {
    const data = Buffer.alloc(256 * 1024 + 3).toString("base64");
    const command = createCommand("upload-file-chunk", { uploadId: "u", offset: 0, data });
    expect(parseServerMessage(JSON.stringify(command)).ok).toBe(false);
  });

  it("tells an unknown type apart from a malformed message", () => {
    const commandId = crypto.randomUUID();
    expect(parseServerMessage(JSON.stringify({ type: "format-disk", commandId }))).toMatchObject({
      ok: false,
      error: { code: "unknown-type", commandId, messageType: "format-disk" },
    });
    expect(parseServerMessage("{not json")).toMatchObject({ ok: false, error: { code: "malformed" } });
    expect(parseServerMessage("[1,2]")).toMatchObject({ ok: false, error: { code: "malformed" } });
    expect(parseServerMessage('{"type":7}')).toMatchObject({ ok: false, error: { code: "malformed" } });
  });

  it("does not accept agent-only messages from the server", () => {
    expect(parseServerMessage(JSON.stringify(sampleAgentMessages["monitoring-metrics"]))).toMatchObject({
      ok: false,
      error: { code: "unknown-type" },
    });
  });
});

describe("parseAgentMessage", () => {
  it.each(Object.values(sampleAgentMessages))("accepts a well-formed $type", (message) => {
    expect(parseAgentMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it("accepts both shapes of command-result", () => {
    const commandId = crypto.randomUUID();
    const success = { type: "command-result", commandId, ok: true, result: { processId: 9, killed: true } };
    expect(parseAgentMessage(JSON.stringify(success))).toEqual({ ok: true, message: success });
  });

  it("refuses a command-result with an unknown error code", () => {
    const reply = { type: "command-result", commandId: crypto.randomUUID(), ok: false, error: { code: "oops", message: "" } };
    expect(parseAgentMessage(JSON.stringify(reply))).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("refuses metrics with an out-of-range percentage", () => {
    const metrics = { ...sampleAgentMessages["monitoring-metrics"], cpuPercent: 140 };
    const parsed = parseAgentMessage(JSON.stringify(metrics));
    expect(parsed).toMatchObject({ ok: false, error: { code: "invalid" } });
    if (!parsed.ok) expect(parsed.error.message).toContain("cpuPercent");
  });

  it("refuses a hello whose agentId could not travel in a bearer credential", () => {
    const hello = { ...sampleAgentMessages.hello, agentId: "a.b" };
    expect(parseAgentMessage(JSON.stringify(hello))).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("does not accept commands from an agent", () => {
    const command = createCommand("kill-process", { processId: 1 });
    expect(parseAgentMessage(JSON.stringify(command))).toMatchObject({ ok: false, error: { code: "unknown-type" } });
  });

  it("clips a huge unknown type in the error it reports", () => {
    const parsed = parseAgentMessage(JSON.stringify({ type: "x".repeat(10_000) }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(toGatewayError(parsed.error).inReplyTo!.length).toBeLessThanOrEqual(129);
  });
});
