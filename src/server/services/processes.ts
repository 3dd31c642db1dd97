/**
 * Process management: the latest process snapshot of an agent (with CPU/RAM/disk/network
 * percentages), a fresh one on request, and killing a process. Kills are audited.
 */
import { and, eq } from "drizzle-orm";
import type { ListProcessesResult } from "../../protocol";
import type { Db } from "../db/client";
import { agentSnapshots } from "../db/schema";
import { findAgentOrThrow, requestAgent, type CommandDeps } from "./agent-commands";
import { recordAudit } from "./audit";

const KIND = "processes";

export async function getProcessSnapshot(db: Db, agentId: string): Promise<{ snapshot: ListProcessesResult | null }> {
  await findAgentOrThrow(db, agentId);
  const [row] = await db.select().from(agentSnapshots).where(and(eq(agentSnapshots.agentId, agentId), eq(agentSnapshots.kind, KIND)));
  return { snapshot: (row?.data as ListProcessesResult | undefined) ?? null };
}

export async function refreshProcesses(deps: CommandDeps, agentId: string): Promise<{ snapshot: ListProcessesResult }> {
  const snapshot = await requestAgent(deps, { agentId, type: "list-processes", payload: {} });
  await deps.db
    .insert(agentSnapshots)
    .values({ agentId, kind: KIND, data: snapshot, collectedAt: new Date(snapshot.collectedAt) })
    .onConflictDoUpdate({ target: [agentSnapshots.agentId, agentSnapshots.kind], set: { data: snapshot, collectedAt: new Date(snapshot.collectedAt) } });
  return { snapshot };
}

export async function killProcess(deps: CommandDeps & { clientIp: string }, input: { agentId: string; processId: number }) {
  const audit = (success: boolean, error?: string) =>
    recordAudit(deps.db, { actor: deps.actor?.username ?? null, action: "process.kill", target: input.agentId, success, clientIp: deps.clientIp, details: { processId: input.processId, ...(error ? { error } : {}) } });
  try {
    const result = await requestAgent(deps, { agentId: input.agentId, type: "kill-process", payload: { processId: input.processId } });
    await audit(true);
    return result;
  } catch (error) {
    await audit(false, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
