/** A real Linux agent for a spec: downloaded from the product, started, and waited for until it is online. */
import type { ChildProcess } from "node:child_process";
import { expect, type APIRequestContext } from "@playwright/test";
import { downloadAgentPackage, startLogged } from "./agent-package";

type Client = { agentId: string; status: string; platform: string | null };

export async function startLinuxAgent(api: APIRequestContext): Promise<{ agentId: string; process: ChildProcess }> {
  const known = new Set(((await (await api.get("/clients")).json()) as Client[]).map((client) => client.agentId));
  const pkg = await downloadAgentPackage(api, "linux");
  const child = await startLogged("./run-agent.sh", [], { cwd: pkg.dir, logName: "agent.log" });
  let agentId = "";
  await expect
    .poll(
      async () => {
        const clients = (await (await api.get("/clients")).json()) as Client[];
        agentId = clients.find((client) => !known.has(client.agentId) && client.platform === "linux" && client.status === "online")?.agentId ?? "";
        return agentId;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .not.toBe("");
  return { agentId, process: child };
}
