/** Request and response schemas of the users domain: shared by tRPC, REST, docs and forms. */
import { z } from "zod";
import { ROLES } from "../auth/roles";
import { clientRestriction } from "./tenancy";

export const usernameSchema = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "may contain only letters, digits, '.', '_', '@' and '-'");

export const passwordSchema = z
  .string({ error: "must be a string" })
  .min(8, "must be at least 8 characters")
  .max(256, "must be at most 256 characters");

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });

/** RFC 4648 base32 of at least 16 bytes (26 characters), as authenticator apps expect. */
const totpSecretSchema = z
  .string()
  .transform((value) => value.replace(/[\s=]/g, "").toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-7]{26,128}$/, "must be a base32 secret of at least 16 bytes (26 characters), or empty to generate one"));

/**
 * `totp`: true or an empty/absent value generates a secret (the reference server's behaviour);
 * a base32 string is used as the secret; false creates the user without a second factor.
 * `role` defaults to viewer, the least privilege.
 */
export const createUserInput = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema.default("viewer"),
  totp: z.union([z.boolean(), z.literal(""), totpSecretSchema], { error: "must be true, false or a base32 secret" }).optional(),
  /** The clients whose agents the user may see; absent or null for every client. */
  clientIds: clientRestriction.optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/** What a user list shows: never a password hash or a TOTP secret. */
export const userSummary = z.object({
  username: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  totpEnabled: z.boolean(),
  /** A disabled user cannot sign in, and none of their sessions, tokens or API keys work. */
  disabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  /** The clients whose agents the user may see and act on; null for every client. */
  clientIds: z.array(z.number().int()).nullable(),
});
export type UserSummary = z.infer<typeof userSummary>;

/** The user an admin acts on, named as everywhere else in spec 000: by username (any case). */
export const userTargetInput = z.strictObject({ username: usernameSchema });
export type UserTargetInput = z.input<typeof userTargetInput>;

export const setRoleInput = z.strictObject({ username: usernameSchema, role: roleSchema });
export type SetRoleInput = z.input<typeof setRoleInput>;

/** `clientIds: null` lifts the restriction; an empty list leaves the user seeing no agent at all. */
export const setClientsInput = z.strictObject({ username: usernameSchema, clientIds: clientRestriction });
export type SetClientsInput = z.input<typeof setClientsInput>;

/** `removeTotp` is for a user who lost their authenticator: they sign in with the password alone and set TOTP up again. */
export const resetPasswordInput = z.strictObject({ username: usernameSchema, password: passwordSchema, removeTotp: z.boolean().default(false) });
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

/** How many ways in were closed: dashboard sessions and /api/v1 token families. */
export const endedSignIns = z.object({ sessions: z.number().int(), tokenFamilies: z.number().int() });
export type EndedSignIns = z.infer<typeof endedSignIns>;
