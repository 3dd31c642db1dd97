/**
 * The agent gateway as its own process (src/test/gateway-process.ts), registered for the bench's
 * cleanup, with its memory and CPU read from /proc without the bench's own sockets mixed in.
 */
import { readFile } from "node:fs/promises";
import { spawnGatewayProcess, type GatewayProcessOptions } from "../src/test/gateway-process";
import { onCleanup } from "./cleanup";
import { cpuSecondsOf } from "./cpu";

export type GatewayProcess = {
  pid: number;
  /** ws:// URL of the agent endpoint. */
  url: string;
  /** Resident set size (VmRSS), in KB. */
  rssKb(): Promise<number>;
  /** User + system CPU time used so far, in seconds. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
};

/** `nodeArgs` go before the script, e.g. `--cpu-prof` to see where the gateway spends its time. */
export async function startGatewayProcess(databaseUrl: string, options: Pick<GatewayProcessOptions, "host" | "nodeArgs" | "env"> = {}): Promise<GatewayProcess> {
  const gateway = await spawnGatewayProcess(databaseUrl, options);
  const { pid } = gateway;
  return {
    pid,
    url: gateway.url,
    async rssKb() {
      const status = await readFile(`/proc/${pid}/status`, "utf8");
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    },
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: onCleanup(gateway.stop),
  };
}
