/**
 * Checks run on the endpoint for the server (`run-check`): ping a host with the system's `ping`,
 * given as an argument array (never a shell), the host validated again here so that nothing that
 * could read as an option reaches `ping`. A host that does not answer is a result, not an error.
 */
import { execFile } from "node:child_process";
import { pingHost, type RunCheckResult } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import type { HandlerTable } from "../../commands/dispatcher";

const OUTPUT_TAIL = 4096;

/** Runs `ping` with these arguments; answers its exit code and output (stdout then stderr). */
export type PingRunner = (file: string, args: string[], timeoutMs: number) => Promise<{ exitCode: number; output: string }>;

export function pingArguments(platform: NodeJS.Platform, host: string, count: number): string[] {
  // One second per reply at most, so a dead host answers within about `count` seconds.
  return platform === "win32" ? ["-n", String(count), "-w", "1000", host] : ["-c", String(count), "-W", "1", "--", host];
}

/** The average round trip from ping's summary: Linux `rtt min/avg/max/mdev = 0.1/0.2/...`, Windows `Average = 12ms`. */
export function parsePingAverage(output: string): number | undefined {
  const linux = /=\s*[\d.]+\/([\d.]+)\/[\d.]+/.exec(output);
  if (linux) return Number(linux[1]);
  const windows = /Average\s*=\s*(\d+)\s*ms/i.exec(output);
  return windows ? Number(windows[1]) : undefined;
}

export const systemPing: PingRunner = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, windowsHide: true, env: { ...process.env, LC_ALL: "C" } }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code) : error ? 1 : 0;
      resolve({ exitCode: code, output: `${stdout}${stderr}` });
    });
  });

export async function ping(runner: PingRunner, platform: NodeJS.Platform, host: string, count: number): Promise<RunCheckResult> {
  if (!pingHost.safeParse(host).success) throw new CommandError("invalid", "the host must be a host name or an IP address");
  const { exitCode, output } = await runner("ping", pingArguments(platform, host, count), (count + 5) * 1000);
  // Windows ping exits 0 on "Destination host unreachable" replies; only a real reply has a time.
  const answered = exitCode === 0 && (platform !== "win32" || /TTL=/i.test(output));
  const averageMs = answered ? parsePingAverage(output) : undefined;
  return { success: answered, ...(averageMs === undefined ? {} : { averageMs }), output: output.slice(-OUTPUT_TAIL) };
}

export interface CheckCapability {
  ping(host: string, count: number): Promise<RunCheckResult>;
}

export function checkCapabilityFor(platform: NodeJS.Platform, runner: PingRunner = systemPing): CheckCapability {
  return { ping: (host, count) => ping(runner, platform, host, count) };
}

export function checkHandlers(checks: CheckCapability): HandlerTable {
  return {
    "run-check": async ({ host, count = 3 }) => checks.ping(host, count),
  };
}
