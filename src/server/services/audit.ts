/** Writes and reads the audit log. Every service that changes something records it here. */
import { desc } from "drizzle-orm";
import type { AuthMethod } from "../auth/roles";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";

export type AuditEntry = {
  /** When it happened; the database's clock when omitted. */
  at?: Date;
  actor: string | null;
  /** How the actor authenticated (session, SSO, JWT, API key); null for anonymous attempts and the system. */
  via?: AuthMethod | null;
  action: string;
  target?: string | null;
  success?: boolean;
  clientIp?: string | null;
  details?: Record<string, unknown>;
};

export type AuditWriter = Pick<Db, "insert">;

/** Accepts a transaction too, so that the entry commits or rolls back with the change itself. */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: entry.at,
    actor: entry.actor,
    via: entry.via ?? null,
    action: entry.action,
    target: entry.target ?? null,
    success: entry.success ?? true,
    clientIp: entry.clientIp ?? null,
    details: entry.details ?? null,
  });
}

export async function listAudit(db: Db, { limit }: { limit: number }) {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}
