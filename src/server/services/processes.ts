/**
 * Process management: the latest process snapshot of an agent (with CPU/RAM/disk/network
 * percentages), a fresh one on request, and killing a process. Kills are audited.
 */
import { eq } from "drizzle-orm";
import type { ListProcessesResult } from "../../protocol";
import type { ProcessSnapshot } from "../contracts/processes";
import { agents } from "../db/schema";
import { readSnapshot, saveSnapshot } from "./agent-snapshots";
import type { ServiceContext } from "./service-context";

const KIND = "processes";


/**
 * The snapshot as every surface shows it: the agent's fields plus the reference server's names
 * (`processId`, `memoryPercent` of the machine's memory, `retrievedAt`), so its scripts keep working.
 */
function withReferenceFields(snapshot: ListProcessesResult, memoryBytes: number | undefined): ProcessSnapshot {
  return {
    ...snapshot,
    retrievedAt: snapshot.collectedAt,
    processes: snapshot.processes.map((process) => ({
      ...process,
      processId: process.pid,
      memoryPercent: memoryBytes ? Math.round((process.memoryBytes / memoryBytes) * 10_000) / 100 : null,
    })),
  };
}

async function totalMemoryOf(ctx: Pick<ServiceContext, "db">, agentId: string): Promise<number | undefined> {
  const [row] = await ctx.db.select({ specs: agents.specs }).from(agents).where(eq(agents.id, agentId));
  return row?.specs?.memoryBytes;
}

export async function getProcessSnapshot(ctx: Pick<ServiceContext, "db">, agentId: string): Promise<{ snapshot: ProcessSnapshot | null }> {
  const stored = await readSnapshot<ListProcessesResult>(ctx.db, agentId, KIND);
  if (!stored) return { snapshot: null };
  return { snapshot: withReferenceFields(stored.data, await totalMemoryOf(ctx, agentId)) };
}

export async function refreshProcesses(ctx: ServiceContext, agentId: string): Promise<{ snapshot: ProcessSnapshot }> {
  const snapshot = await ctx.request(agentId, "list-processes", {});
  await saveSnapshot(ctx.db, agentId, KIND, snapshot, new Date(snapshot.collectedAt));
  return { snapshot: withReferenceFields(snapshot, await totalMemoryOf(ctx, agentId)) };
}

export async function killProcess(ctx: ServiceContext, input: { agentId: string; processId: number }) {
  const audit = (success: boolean, error?: string) => ctx.audit({ action: "process.kill", target: input.agentId, success, details: { processId: input.processId, ...(error ? { error } : {}) } });
  try {
    const result = await ctx.request(input.agentId, "kill-process", { processId: input.processId });
    await audit(true);
    return result;
  } catch (error) {
    await audit(false, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
