/** The agent list of `GET /clients` and the devices page: every enrolled, non-revoked agent. */
import { asc, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents } from "../db/schema";

export async function listClients(db: Db) {
  const rows = await db.select().from(agents).where(isNull(agents.revokedAt)).orderBy(asc(agents.name));
  return rows.map(toClient);
}

export type Client = ReturnType<typeof toClient>;

function toClient(row: typeof agents.$inferSelect) {
  return {
    agentId: row.id,
    name: row.name,
    group: row.groupName,
    os: row.os,
    platform: row.platform,
    status: row.status,
    online: row.status === "online",
    lastSeen: row.lastSeen?.toISOString() ?? null,
    loggedInUser: row.loggedInUser,
    agentVersion: row.agentVersion,
    remoteAddress: row.remoteAddress,
    specs: row.specs,
    features: row.features,
    /** The latest load figures (`monitoring-metrics`), null until the first report. */
    metrics: row.metrics,
    // Filled by the update, software and monitoring capabilities as they arrive.
    updates: null,
    software: null,
    alerts: [] as unknown[],
    createdAt: row.createdAt.toISOString(),
  };
}
