/** A real Linux agent from the product's own package, run on this machine until the spec stops it. */
import type { ChildProcess } from "node:child_process";
import { expect, type APIRequestContext } from "@playwright/test";
import { downloadAgentPackage, startLogged } from "./agent-package";

type Client = { agentId: string; status: string; platform: string | null };

export async function startLinuxAgent(api: APIRequestContext): Promise<{ agentId: string; process: ChildProcess }> {
  const known = new Set(((await (await api.get("/clients")).json()) as Client[]).map((c) => c.agentId));
  const pkg = await downloadAgentPackage(api, "linux");
  const child = await startLogged("./run-agent.sh", [], { cwd: pkg.dir, logName: "agent.log" });
  let agentId = "";
  await expect
    .poll(
      async () => {
        const clients = (await (await api.get("/clients")).json()) as Client[];
        agentId = clients.find((c) => !known.has(c.agentId) && c.platform === "linux" && c.status === "online")?.agentId ?? "";
        return agentId;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .not.toBe("");
  return { agentId, process: child };
}
