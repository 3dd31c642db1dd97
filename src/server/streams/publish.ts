/**
 * Stores stream chunks and rings the bus in a single statement (a data-modifying CTE), so a chunk
 * is never announced without being stored, nor stored without being announced. A chunk whose
 * notification stays under INLINE_NOTIFY_BYTES travels in it whole (`[id, topic, event, data,
 * createdAt]`), so the web processes need not read it back; a larger one is announced by id and
 * topic only, far below PostgreSQL's 8000-byte limit. Callers are the
 * gateway (agent output, metric samples) and web procedures (a shell's input, a chat message).
 *
 * Publishing is coalesced per database handle, like a group commit: while one statement is in
 * flight, the chunks published meanwhile wait and then go together in the next one. A busy stream
 * (hundreds of chunks a second) thus costs a few commits a second instead of one per chunk, and
 * each caller still gets its own chunk's id, in the order it called.
 *
 * A high-volume kind whose chunks few people watch (metric samples: every agent, every few
 * seconds) is published with publishStreamBatch instead: a whole batch, whatever its size, in one
 * statement and announced by ONE notification naming the id range and the kind, not one per chunk.
 */
import { sql } from "drizzle-orm";
import { CHANNELS } from "../bus/channels";
import type { Db } from "../db/client";
import { MAX_TOPIC_LENGTH, type StreamKind } from "./topics";

export type StreamChunk = { topic: string; event: string; data: unknown };
type Publisher = Pick<Db, "execute">;

export const INLINE_NOTIFY_BYTES = 7_000;

/** Chunks in one statement at most (3 parameters each, far below PostgreSQL's 65,535). */
const MAX_CHUNKS_PER_STATEMENT = 1_000;

type Waiting = { chunk: StreamChunk; resolve: (id: number) => void; reject: (error: unknown) => void };
type Queue = { waiting: Waiting[]; busy: boolean };
const queues = new WeakMap<Publisher, Queue>();

function checkTopic({ topic }: StreamChunk) {
  if (topic.length > MAX_TOPIC_LENGTH) throw new Error(`stream topic longer than ${MAX_TOPIC_LENGTH} characters`);
}

/** One chunk; resolves with its id once it is stored and announced. */
export function publishStreamEvent(db: Publisher, chunk: StreamChunk): Promise<number> {
  checkTopic(chunk);
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], busy: false }));
  const promise = new Promise<number>((resolve, reject) => queue.waiting.push({ chunk, resolve, reject }));
  if (!queue.busy) void drain(db, queue);
  return promise;
}

async function drain(db: Publisher, queue: Queue): Promise<void> {
  queue.busy = true;
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, MAX_CHUNKS_PER_STATEMENT);
    try {
      const ids = await insertChunks(db, batch.map((waiting) => waiting.chunk));
      batch.forEach((waiting, index) => waiting.resolve(ids[index]!));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
  queue.busy = false;
}

/**
 * Many chunks in one statement, each still announced by its own notification, all committed
 * together; resolves with their ids in the order given.
 */
export async function publishStreamEvents(db: Publisher, chunks: StreamChunk[]): Promise<number[]> {
  chunks.forEach(checkTopic);
  return chunks.length === 0 ? [] : insertChunks(db, chunks);
}

async function insertChunks(db: Publisher, chunks: StreamChunk[]): Promise<number[]> {
  const values = sql.join(
    chunks.map(({ topic, event, data }) => sql`(${topic}, ${event}, ${JSON.stringify(data)}::jsonb)`),
    sql`, `,
  );
  // nextval follows the order of the VALUES list, so ids sorted ascending are the chunks' ids in order.
  const rows = await db.execute<{ id: string }>(sql`
    with stored as (
      insert into stream_events (topic, event, data) values ${values}
      returning id, topic, json_build_array(id, topic, event, data, created_at)::text as whole
    )
    select id, pg_notify(${CHANNELS.streamEvent}, case when octet_length(whole) < ${INLINE_NOTIFY_BYTES} then whole else id || ' ' || topic end)
    from stored order by id`);
  return rows.map((row) => Number(row.id));
}

/**
 * Many chunks of one kind, stored in one statement (the batch travels as a single JSON parameter)
 * and announced by a single notification `range <first id> <last id> <kind>`; a web process with
 * viewers of that kind reads the range back for the topics it watches (see hub.ts).
 */
export async function publishStreamBatch(db: Publisher, kind: StreamKind, chunks: StreamChunk[]): Promise<void> {
  if (chunks.length === 0) return;
  for (const chunk of chunks) {
    checkTopic(chunk);
    if (!chunk.topic.startsWith(`${kind}:`)) throw new Error(`stream topic ${chunk.topic} is not of kind ${kind}`);
  }
  const rows = JSON.stringify(chunks);
  await db.execute(sql`
    with stored as (
      insert into stream_events (topic, event, data)
      select r.topic, r.event, r.data from jsonb_to_recordset(${rows}::jsonb) as r(topic text, event text, data jsonb)
      returning id
    )
    select pg_notify(${CHANNELS.streamEvent}, 'range ' || min(id) || ' ' || max(id) || ' ' || ${kind}::text) from stored`);
}
