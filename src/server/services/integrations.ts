/**
 * The SMTP and Pushover integrations alerts are sent through: set by admins (dashboard, `PUT
 * /api/v1/integrations/smtp|pushover`), read by the notification job. The password and the token
 * are sealed at rest and never answered; leaving them out of an update keeps the stored one.
 */
import { eq } from "drizzle-orm";
import { open, processSecretKey, seal } from "../auth/secret-box";
import type { IntegrationView, PushoverSettingsInput, SmtpSettingsInput } from "../contracts/integrations";
import type { Db } from "../db/client";
import { integrations } from "../db/schema";
import type { ServiceContext } from "./service-context";

const KEY_LABEL = "rmm-integrations-v1";
const NAMES = ["smtp", "pushover"] as const;
type IntegrationName = (typeof NAMES)[number];

export type SmtpConfig = { host: string; port: number; secure: boolean; username?: string; password?: string; from: string };
export type PushoverConfig = { token: string; userKey: string };

async function stored(db: Db, name: IntegrationName) {
  const [row] = await db.select().from(integrations).where(eq(integrations.name, name));
  return row ?? null;
}

export async function listIntegrations(db: Db): Promise<IntegrationView[]> {
  const rows = await db.select().from(integrations);
  return NAMES.map((name) => {
    const row = rows.find((entry) => entry.name === name);
    if (!row) return { name, configured: false, enabled: false, settings: {}, updatedBy: null, updatedAt: null };
    const { enabled, ...settings } = row.settings as { enabled?: boolean };
    const secretFlag = name === "smtp" ? "passwordSet" : "tokenSet";
    return { name, configured: true, enabled: enabled !== false, settings: { ...settings, [secretFlag]: row.sealedSecret !== null }, updatedBy: row.updatedBy, updatedAt: row.updatedAt.toISOString() };
  });
}

async function save(ctx: ServiceContext, name: IntegrationName, settings: Record<string, unknown>, secret: string | undefined): Promise<IntegrationView> {
  const previous = await stored(ctx.db, name);
  const sealedSecret = secret === undefined ? (previous?.sealedSecret ?? null) : secret === "" ? null : seal(secret, processSecretKey(KEY_LABEL));
  const values = { name, settings, sealedSecret, updatedBy: ctx.actor.username, updatedAt: new Date() };
  await ctx.db.insert(integrations).values(values).onConflictDoUpdate({ target: integrations.name, set: values });
  await ctx.audit({ action: `integration.${name}.update`, target: name, details: { enabled: settings.enabled as boolean, secretChanged: secret !== undefined } });
  return (await listIntegrations(ctx.db)).find((entry) => entry.name === name)!;
}

export function updateSmtp(ctx: ServiceContext, { password, ...settings }: SmtpSettingsInput) {
  return save(ctx, "smtp", settings, password);
}

export function updatePushover(ctx: ServiceContext, { token, user_key, enabled }: PushoverSettingsInput) {
  return save(ctx, "pushover", { userKey: user_key, enabled }, token);
}

/** For sending: null when not configured or switched off. */
export async function smtpConfig(db: Db): Promise<SmtpConfig | null> {
  const row = await stored(db, "smtp");
  if (!row || (row.settings as { enabled?: boolean }).enabled === false) return null;
  const { host, port, secure, username, from } = row.settings as SmtpConfig;
  return { host, port, secure, username, from, ...(row.sealedSecret ? { password: open(row.sealedSecret, processSecretKey(KEY_LABEL)) } : {}) };
}

export async function pushoverConfig(db: Db): Promise<PushoverConfig | null> {
  const row = await stored(db, "pushover");
  if (!row || !row.sealedSecret || (row.settings as { enabled?: boolean }).enabled === false) return null;
  return { token: open(row.sealedSecret, processSecretKey(KEY_LABEL)), userKey: String((row.settings as { userKey?: string }).userKey ?? "") };
}

/** Webhook signing keys of alert profiles are sealed under the same key. */
export const sealIntegrationSecret = (secret: string) => seal(secret, processSecretKey(KEY_LABEL));
export const openIntegrationSecret = (stored: string) => open(stored, processSecretKey(KEY_LABEL));
