/** Schemas of the audit log as admins read it. */
import { z } from "zod";

export const auditListInput = z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 });

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.date(),
  actor: z.string().nullable(),
  via: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  success: z.boolean(),
  clientIp: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
