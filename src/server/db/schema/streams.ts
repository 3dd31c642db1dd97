/**
 * Live streams (shell output, chat, log lines, metrics): every chunk is a row, and NOTIFY carries
 * only its id and topic. A viewer that reconnects with `Last-Event-ID` is replayed from here, and a
 * shell session's rows are its transcript. Rows are pruned by the cleanup job (maintenance.ts).
 */
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const streamEvents = pgTable(
  "stream_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** `<kind>:<agentId>[:<more>]`, see src/server/streams/topics.ts. */
    topic: text("topic").notNull(),
    /** The SSE event name viewers receive (`shell`, `chat`, `log`, `metrics`, ...). */
    event: text("event").notNull(),
    data: jsonb("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("stream_events_topic_id_idx").on(table.topic, table.id), index("stream_events_created_idx").on(table.createdAt)],
);

export type StreamEventRow = typeof streamEvents.$inferSelect;
