/**
 * The monitoring event history (`GET /monitoring/events/history`): the latest events of the fleet
 * topic, in the reference server's `{ eventName, payload }` form, filtered by agent and profile, and
 * limited to the agents the actor may see.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { agents, streamEvents } from "../db/schema";
import { MONITORING_TOPIC } from "../monitoring/events";
import type { ServiceContext } from "./service-context";
import { agentsVisibleTo } from "./tenancy";

export async function monitoringHistory(ctx: Pick<ServiceContext, "db" | "actor">, input: { agentId?: string; profileId?: string; limit: number }) {
  const agentOf = sql<string>`${streamEvents.data}->>'agentId'`;
  const visible = agentsVisibleTo(ctx.actor);
  const rows = await ctx.db
    .select({ eventName: streamEvents.event, payload: streamEvents.data })
    .from(streamEvents)
    .where(
      and(
        eq(streamEvents.topic, MONITORING_TOPIC),
        input.agentId ? eq(agentOf, input.agentId) : undefined,
        input.profileId ? eq(sql`${streamEvents.data}->>'profileId'`, input.profileId) : undefined,
        visible ? sql`${agentOf} in (select ${agents.id} from ${agents} where ${visible})` : undefined,
      ),
    )
    .orderBy(desc(streamEvents.id))
    .limit(input.limit);
  return rows.reverse().map((row) => ({ eventName: row.eventName, payload: row.payload as Record<string, unknown> }));
}
