/**
 * Tenancy: clients (the customers an MSP manages) and their sites; every agent belongs to exactly
 * one site. Integer ids, as Tactical RMM's API uses them. One site is the default site (of the
 * default client): agents enrolled without a site, and agents from before tenancy existed, land
 * there, so nothing is ever orphaned. `agents.site_id` defaults to it in the database itself
 * (`default_site_id()`, created by the migration), so no insert can forget it.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const clients = pgTable(
  "clients",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("clients_name_lower_idx").on(sql`lower(${table.name})`)],
);

export const sites = pgTable(
  "sites",
  {
    id: serial("id").primaryKey(),
    clientId: integer("client_id")
      .notNull()
      .references(() => clients.id),
    name: text("name").notNull(),
    /** True for exactly one site: where agents go when nobody said where. */
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("sites_client_name_lower_idx").on(table.clientId, sql`lower(${table.name})`),
    uniqueIndex("sites_one_default_idx").on(table.isDefault).where(sql`${table.isDefault}`),
    index("sites_client_idx").on(table.clientId),
  ],
);

/** The database function behind `agents.site_id`'s default (see the migration). */
export const DEFAULT_SITE_ID_SQL = sql`default_site_id()`;
