/** Request and response schemas of API keys: shared by tRPC, REST, docs and the dashboard form. */
import { z } from "zod";
import { clientRestriction } from "./tenancy";
import { roleSchema } from "./users";

export const API_KEY_MAX_DAYS = 3650;

export const createApiKeyInput = z.strictObject({
  name: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  role: roleSchema,
  /** Days until the key stops working; absent or null: it never expires (until revoked). */
  expiresInDays: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(API_KEY_MAX_DAYS, `must be at most ${API_KEY_MAX_DAYS}`)
    .nullish(),
  /** The clients the key may reach (within its creator's); absent or null: whatever its creator may reach. */
  clientIds: clientRestriction.optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const revokeApiKeyInput = z.strictObject({ id: z.uuid({ error: "must be an API key id" }) });
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeyInput>;

export const API_KEY_STATES = ["active", "expired", "revoked"] as const;

/** What a key list shows: never the key or its hash. */
export const apiKeySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The key's public beginning, e.g. `rmm_1a2b3c4d`. */
  prefix: z.string(),
  role: roleSchema,
  /** The role the key acts with now: its own, lowered to its creator's current role. */
  effectiveRole: roleSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(API_KEY_STATES),
  /** The key's own client restriction (null: none; its creator's always applies too). */
  clientIds: z.array(z.number().int()).nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummary>;

/** The answer to a creation: the only time the key itself is ever shown. */
export const createdApiKey = z.object({ key: z.string(), apiKey: apiKeySummary });
export type CreatedApiKey = z.infer<typeof createdApiKey>;
