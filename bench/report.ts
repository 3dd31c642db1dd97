/** Markdown output: the machine measured on, the result tables and the verdict on the targets. */
import { readFile } from "node:fs/promises";
import os from "node:os";
import type { ConnectionResult } from "./connections";
import type { RoundTripResult } from "./round-trips";

/** The targets of the issue. */
const TARGETS = { connections: 10_000, kbPerConnection: 30, p50Ms: 5, p99Ms: 25 };
/** Other processes' CPU (in % of one core) above which a latency measurement is flagged as disturbed. */
const DISTURBED_CORE_PERCENT = 5;

export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Fixed decimals with thousands separators; "n/a" for a missing value. */
function num(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

async function cpuModel(): Promise<string> {
  const cpuinfo = await readFile("/proc/cpuinfo", "utf8").catch(() => "");
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
}

export async function machineTable(postgresVersion: string, backgroundBusyPercent: number): Promise<string> {
  return markdownTable(
    ["", ""],
    [
      ["CPU", await cpuModel()],
      ["Cores", os.availableParallelism()],
      ["RAM", `${num(os.totalmem() / 1024 ** 3, 1)} GiB`],
      ["OS", `${os.type()} ${os.release()}`],
      ["Node.js", process.version],
      ["PostgreSQL", `${postgresVersion} (embedded, started as the launcher starts it)`],
      ["CPU already busy before the run (other processes)", `${num(backgroundBusyPercent)} %`],
    ],
  );
}

export function connectionsTable(results: ConnectionResult[]): string {
  return markdownTable(
    ["agents", "time to all hello-acks (s)", "connections/s", "connect p50 (ms)", "connect p99 (ms)", "CPU s: gateway / PostgreSQL / bench / others", "RSS idle (MB)", "RSS connected (MB)", "KB per connection"],
    results.map((r) => [
      num(r.agents),
      num(r.seconds, 2),
      num(r.perSecond),
      num(r.connectP50Ms, 1),
      num(r.connectP99Ms, 1),
      [r.gatewayCpuSeconds, r.postgresCpuSeconds, r.benchCpuSeconds, r.othersCpuSeconds].map((s) => num(s, 1)).join(" / "),
      num(r.baselineRssKb / 1024, 1),
      num(r.rssKb / 1024, 1),
      num(r.kbPerConnection, 1),
    ]),
  );
}

export function roundTripTables(r: RoundTripResult): string[] {
  const cpu = r.cpuMsPerCommand;
  const row = (label: string, d: RoundTripResult["latencyMs"]) => [label, num(d.p50, 1), num(d.p90, 1), num(d.p99, 1), num(d.max, 1)];
  return [
    markdownTable(
      ["agents", "target rate (/s)", "achieved rate (/s)", "completed", "failed", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)"],
      [[num(r.agents), num(r.targetRate), num(r.achievedRate, 1), num(r.completed), num(r.failed), num(r.latencyMs.p50, 1), num(r.latencyMs.p90, 1), num(r.latencyMs.p99, 1), num(r.latencyMs.max, 1)]],
    ),
    "",
    "CPU time per command (ms), by process (other processes' share shows how much the machine was disturbed):",
    "",
    markdownTable(
      ["gateway", "PostgreSQL (all backends)", "bench process (web side + simulated agents)", "total of these", "other processes"],
      [[num(cpu.gateway, 2), num(cpu.postgres, 2), num(cpu.bench, 2), num(cpu.gateway + cpu.postgres + cpu.bench, 2), num(cpu.others, 2)]],
    ),
    "",
    "Where the time goes (from the command rows' timestamps, 1 ms resolution):",
    "",
    markdownTable(
      ["phase", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)"],
      [row("queued -> claimed by the gateway (queue commit, NOTIFY, claim)", r.phasesMs.queuedToSent), row("claimed -> result stored (send, agent, result check)", r.phasesMs.sentToCompleted), row("whole `requestAgent` call", r.latencyMs)],
    ),
  ];
}

export function targetsTable(connections: ConnectionResult[], roundTrips: RoundTripResult | undefined): string {
  const verdict = (met: boolean) => (met ? "met" : "**not met**");
  const rows: string[][] = [];
  const atTarget = connections.find((r) => r.agents >= TARGETS.connections);
  if (atTarget) rows.push([`${num(TARGETS.connections)} agents at <= ${TARGETS.kbPerConnection} KB each`, `${num(atTarget.agents)} agents, ${num(atTarget.kbPerConnection, 1)} KB each`, verdict(atTarget.kbPerConnection <= TARGETS.kbPerConnection)]);
  if (roundTrips) {
    const allAnswered = roundTrips.failed === 0;
    rows.push([`p50 <= ${TARGETS.p50Ms} ms at ${num(roundTrips.targetRate)}/s`, `${num(roundTrips.latencyMs.p50, 1)} ms`, verdict(allAnswered && roundTrips.latencyMs.p50 <= TARGETS.p50Ms)]);
    rows.push([`p99 <= ${TARGETS.p99Ms} ms at ${num(roundTrips.targetRate)}/s`, `${num(roundTrips.latencyMs.p99, 1)} ms`, verdict(allAnswered && roundTrips.latencyMs.p99 <= TARGETS.p99Ms)]);
  }
  const table = rows.length ? markdownTable(["target", "measured", "verdict"], rows) : "(no step reached the target sizes)";
  // Latency tails are the first victims of a busy machine; say so rather than report noise as fact.
  if (roundTrips && roundTrips.othersCorePercent > DISTURBED_CORE_PERCENT)
    return `${table}\n\n**Warning:** other processes used ${num(roundTrips.othersCorePercent)} % of a core during the round trips; the latency figures are not representative. Run again on a quiet machine.`;
  return table;
}
