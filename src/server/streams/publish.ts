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

/** One chunk; see publishStreamEvents for many at once. */
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

/**
 * Many chunks in one statement (each still announced by its own notification, all committed
 * together): for producers that gather chunks, such as the gateway's metric samples.
 */
export async function publishStreamEvents(db: Pick<Db, "execute">, chunks: StreamChunk[]): Promise<number[]> {
  if (chunks.length === 0) return [];
  for (const { topic } of chunks) if (topic.length > MAX_TOPIC_LENGTH) throw new Error(`stream topic longer than ${MAX_TOPIC_LENGTH} characters`);
  const values = sql.join(
    chunks.map(({ topic, event, data }) => sql`(${topic}, ${event}, ${JSON.stringify(data)}::jsonb)`),
    sql`, `,
  );
  const rows = await db.execute<{ id: string }>(sql`
    with stored as (
      insert into stream_events (topic, event, data) values ${values}
      returning id, topic
    )
    select id, pg_notify(${CHANNELS.streamEvent}, id || ' ' || topic) from stored order by id`);
  return rows.map((row) => Number(row.id));
}
