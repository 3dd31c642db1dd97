/**
 * Chat messages themselves are stream chunks (topic `chat:<agentId>`, see streams.ts): what is kept
 * here is how far each user has read each device's conversation, so unread counters are per user
 * (one technician reading a conversation does not hide it from the others).
 */
import { bigint, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { users } from "./users";

export const chatReads = pgTable(
  "chat_reads",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    agentId: text("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    /** The newest chat chunk (stream_events.id) of the device this user has seen. */
    lastReadId: bigint("last_read_id", { mode: "number" }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.agentId] })],
);
