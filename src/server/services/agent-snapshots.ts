/** The latest answer of a kind per agent (agent_snapshots): written when an agent answers, read by the `.../data` and cached paths. */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { agentSnapshots } from "../db/schema";

export type Snapshot<T> = { data: T; collectedAt: Date };

export async function saveSnapshot(db: Db, agentId: string, kind: string, data: unknown, collectedAt: Date): Promise<void> {
  await db
    .insert(agentSnapshots)
    .values({ agentId, kind, data, collectedAt })
    .onConflictDoUpdate({ target: [agentSnapshots.agentId, agentSnapshots.kind], set: { data, collectedAt } });
}

export async function readSnapshot<T>(db: Db, agentId: string, kind: string): Promise<Snapshot<T> | null> {
  const [row] = await db.select().from(agentSnapshots).where(and(eq(agentSnapshots.agentId, agentId), eq(agentSnapshots.kind, kind)));
  return row ? { data: row.data as T, collectedAt: row.collectedAt } : null;
}

export async function readSnapshots<T>(db: Db, agentIds: string[], kind: string): Promise<Map<string, Snapshot<T>>> {
  if (agentIds.length === 0) return new Map();
  const rows = await db.select().from(agentSnapshots).where(and(inArray(agentSnapshots.agentId, agentIds), eq(agentSnapshots.kind, kind)));
  return new Map(rows.map((row) => [row.agentId, { data: row.data as T, collectedAt: row.collectedAt }]));
}
