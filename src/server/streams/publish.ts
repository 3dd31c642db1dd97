/**
 * Stores one stream chunk and rings the bus in a single statement (a data-modifying CTE), so a
 * chunk is never announced without being stored, nor stored without being announced. Callers are
 * the gateway (agent output) and web procedures (a shell's input, a dashboard chat message).
 */
import { sql } from "drizzle-orm";
import { CHANNELS } from "../bus/channels";
import type { Db } from "../db/client";
import { MAX_TOPIC_LENGTH } from "./topics";

export type StreamChunk = { topic: string; event: string; data: unknown };

export async function publishStreamEvent(db: Pick<Db, "execute">, { topic, event, data }: StreamChunk): Promise<number> {
  if (topic.length > MAX_TOPIC_LENGTH) throw new Error(`stream topic longer than ${MAX_TOPIC_LENGTH} characters`);
  const rows = await db.execute<{ id: string }>(sql`
    with stored as (
      insert into stream_events (topic, event, data) values (${topic}, ${event}, ${JSON.stringify(data)}::jsonb)
      returning id, topic
    )
    select id, pg_notify(${CHANNELS.streamEvent}, id || ' ' || topic) from stored`);
  return Number(rows[0]!.id);
}
