/**
 * Deployments (Tactical RMM's "deployment links"): an expiring, revocable installer link for one
 * site, platform and architecture. The `uuid` is the link's secret (whoever has it may download the
 * installer, without signing in); the integer `id` is what lists and revocation use, as in TRMM.
 * Each deployment owns one enrollment token with the same expiry; the download embeds that token,
 * so the deployment keeps it (it is no more secret than the uuid that hands it out).
 */
import { index, integer, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { enrollmentTokens } from "./enrollment";
import { sites } from "./tenancy";

export const deployments = pgTable(
  "deployments",
  {
    id: serial("id").primaryKey(),
    uuid: uuid("uuid").notNull().unique(),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id),
    platform: text("platform", { enum: ["windows", "linux"] }).notNull(),
    arch: text("arch", { enum: ["amd64", "arm64"] }).notNull(),
    installFlags: text("install_flags").notNull().default(""),
    enrollmentTokenId: uuid("enrollment_token_id")
      .notNull()
      .references(() => enrollmentTokens.id),
    enrollmentToken: text("enrollment_token").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    downloadCount: integer("download_count").notNull().default(0),
  },
  (table) => [index("deployments_site_idx").on(table.siteId)],
);
