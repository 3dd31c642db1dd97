/**
 * The first step of every change to several agents at once: lock their rows and make sure each
 * one exists, so a bulk action changes all of the agents it names or, when one is unknown or
 * removed, none of them.
 */
import { and, inArray, isNull } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { agents } from "../db/schema";
import { AppError } from "../errors";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The agents' rows with `columns`, locked for update; NOT_FOUND naming the first missing agent. */
export async function lockAgents<T extends Record<string, AnyPgColumn>>(tx: Tx, agentIds: string[], columns: T) {
  const rows = await tx
    .select({ id: agents.id, ...columns })
    .from(agents)
    .where(and(inArray(agents.id, agentIds), isNull(agents.revokedAt)))
    .for("update");
  const missing = agentIds.find((id) => !rows.some((row) => row.id === id));
  if (missing) throw new AppError("NOT_FOUND", `Agent '${missing}' not found`);
  return rows;
}
