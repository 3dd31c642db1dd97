/** Request and response schemas of the notification integrations (specification 001 `/integrations/`). */
import { z } from "zod";

const port = z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be 1-65535").max(65535, "must be 1-65535");

export const smtpSettingsInput = z.strictObject({
  host: z.string({ error: "must be a host name" }).trim().min(1, "must not be empty").max(253),
  port: port.default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  username: z.string().trim().max(256).optional(),
  /** Omitted: the stored password is kept. */
  password: z.string().max(1024).optional(),
  from: z.email({ error: "must be an email address" }),
  enabled: z.boolean().default(true),
});
export type SmtpSettingsInput = z.infer<typeof smtpSettingsInput>;

export const pushoverSettingsInput = z.strictObject({
  /** Omitted: the stored application token is kept. */
  token: z.string().trim().min(1).max(64).optional(),
  user_key: z.string({ error: "must be a Pushover user or group key" }).trim().min(1, "must not be empty").max(64),
  enabled: z.boolean().default(true),
});
export type PushoverSettingsInput = z.infer<typeof pushoverSettingsInput>;

export const integrationView = z.object({
  name: z.enum(["smtp", "pushover"]),
  configured: z.boolean(),
  enabled: z.boolean(),
  /** Settings without secrets; `passwordSet` / `tokenSet` say whether a secret is stored. */
  settings: z.record(z.string(), z.unknown()),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type IntegrationView = z.infer<typeof integrationView>;
