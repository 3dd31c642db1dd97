/**
 * One valid example of every message, keyed by type. Typed as complete
 * records, so adding a message type without an example fails to compile;
 * used by the protocol's tests only.
 */
import type { CommandPayload } from "./helpers";
import type { AgentToServerMessage, CommandType } from "./messages";

const at = "2025-01-02T03:04:05.000Z";
const commandId = "0b5e7e2c-4a8f-4a3e-9d41-7c1f3b2a9e10";
const sessionId = "5c0d2f4e-1b7a-4c39-8e0f-2a6b9d3c1e77";

export const sampleCommandPayloads: { [T in CommandType]: CommandPayload<T> } = {
  "list-processes": {},
  "kill-process": { processId: 4242 },
  "start-shell": { sessionId, cols: 120, rows: 30 },
  "shell-input": { sessionId, data: "Get-Date\r\n" },
  "stop-shell": { sessionId },
  "stream-logs-start": { streamId: sessionId, source: "journald", unit: "nginx.service" },
  "stream-logs-stop": { streamId: sessionId },
  "resize-shell": { sessionId, cols: 132, rows: 40 },
  "list-screens": {},
  "start-screen": { sessionId, screenId: "1", scale: 0.5 },
  "screen-answer": { sessionId, answer: { type: "answer", sdp: "v=0\r\n" } },
  "screen-candidate": { sessionId, candidate: { candidate: "candidate:1 1 udp 1 10.0.0.1 5000 typ host", sdpMid: "0" } },
  "stop-screen": { sessionId },
  "request-updates": {},
  "install-updates": { ids: ["KB5031356"] },
  "invoke-action": { action: "reboot", scheduleId: "nightly" },
  "request-bsod": {},
  "request-event-stats": { sinceHours: 24 },
  "request-event-entries": { level: "error", limit: 50 },
  "list-software": {},
  "uninstall-software": { softwareId: "{23170F69-40C1-2702-2201-000001000000}", source: "registry" },
  "list-services": {},
  "manage-service": { serviceName: "Spooler", action: "restart" },
  "list-firewall": {},
  "firewall-action": { action: "add-rule", rule: { name: "Allow web", direction: "inbound", protocol: "TCP", localPorts: "80,443" } },
  "file-list": { path: "C:\\Users" },
  "download-file": { path: "/var/log/syslog" },
  "upload-file-start": { uploadId: "upload-0001", path: "/tmp/a.bin", totalBytes: 5 },
  "upload-file-chunk": { uploadId: "upload-0001", offset: 0, data: "aGVsbG8=" },
  "upload-file-end": { uploadId: "upload-0001", sha256: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" },
  "file-stream-download": { transferId: sessionId, path: "/var/log/syslog" },
  "file-stream-upload": { transferId: sessionId, uploadId: "upload-0001", offset: 0 },
  "monitoring-status": { profiles: [{ id: "p1", name: "Servers", rules: [{ metric: "cpu", threshold: 90, comparison: "gt" }] }] },
  "chat-request": { sessionId, text: "Hello, may I connect?", user: "alice", role: "operator" },
  "run-remediation": { scriptName: "clear-temp.ps1", language: "powershell", content: "Remove-Item $env:TEMP\\* -Recurse" },
  "run-command": { command: "df -h", timeoutSeconds: 30 },
  "run-check": { check: "ping", host: "192.0.2.1", count: 2 },
  "run-script": { language: "bash", content: "echo \"$1\"", args: ["hello world"], timeoutSeconds: 60 },
  uninstall: {},
};

export const sampleAgentMessages: { [T in AgentToServerMessage["type"]]: Extract<AgentToServerMessage, { type: T }> } = {
  hello: {
    type: "hello",
    agentId: "agent_1",
    name: "desk-01",
    os: "Windows 11 Pro",
    platform: "win32",
    loggedInUser: "CORP\\alice",
    specs: { cpu: { model: "Intel Core i7", cores: 8 }, memoryBytes: 17_179_869_184, disks: [{ mount: "C:", totalBytes: 512e9, freeBytes: 100e9, fsType: "NTFS" }] },
    features: ["list-processes", "kill-process"],
    agentVersion: "0.1.0",
    protocolVersion: 1,
  },
  "command-result": { type: "command-result", commandId, ok: false, error: { code: "not-found", message: "no process 4242" } },
  "monitoring-metrics": { type: "monitoring-metrics", at, cpuPercent: 12.5, memoryPercent: 40, diskPercent: 71, network: { rxBytesPerSec: 1200, txBytesPerSec: 300.5 } },
  "shell-output": { type: "shell-output", sessionId, stream: "stdout", output: "PS C:\\> ", timestamp: at },
  "log-lines": { type: "log-lines", streamId: sessionId, lines: [{ text: "Started nginx.service.", at, priority: 6, source: "nginx" }] },
  "screen-candidate": { type: "screen-candidate", sessionId, candidate: { candidate: "candidate:2 1 udp 1 10.0.0.2 5001 typ host", sdpMLineIndex: 0 } },
  "screen-list": { type: "screen-list", screens: [{ id: "1", name: "DISPLAY1", width: 1920, height: 1080, x: 0, y: 0, primary: true }] },
  "chat-response": { type: "chat-response", sessionId, text: "Yes, go ahead", timestamp: at },
  "action-result": { type: "action-result", commandId, action: "reboot", status: "succeeded", at },
  "update-install-result": { type: "update-install-result", commandId, updateId: "KB5031356", status: "installed", rebootRequired: true, at },
  "software-operation-result": { type: "software-operation-result", commandId, softwareId: "7zip", operation: "uninstall", status: "succeeded", exitCode: 0, at },
  "remediation-result": { type: "remediation-result", commandId, scriptName: "clear-temp.ps1", status: "succeeded", exitCode: 0, stdout: "done", stderr: "", startedAt: at, finishedAt: at },
  "agent-update-status": { type: "agent-update-status", version: "0.2.0", state: "rolled-back", message: "0.2.0 did not connect within 60 s" },
  "file-stream-end": { type: "file-stream-end", transferId: sessionId, ok: true, bytes: 5, sha256: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" },
};
