/** Request and response schemas of the users domain: shared by tRPC, REST, docs and forms. */
import { z } from "zod";
import { ROLES } from "../auth/roles";

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

export const createUserInput = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
  totp: z.boolean({ error: "must be true or false" }).optional(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

/** What a user list shows: never a password hash or a TOTP secret. */
export const userSummary = z.object({
  username: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  totpEnabled: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummary>;
