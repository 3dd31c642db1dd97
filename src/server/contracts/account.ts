/** Request and response schemas of the signed-in user's own account: password and TOTP. */
import { z } from "zod";
import { passwordSchema, roleSchema } from "./users";

/** The current password is checked against the store, so any string is accepted here. */
const currentPasswordSchema = z.string({ error: "must be a string" }).min(1, "is required").max(256, "must be at most 256 characters");

export const accountSummary = z.object({ username: z.string(), role: roleSchema, totpEnabled: z.boolean() });
export type AccountSummary = z.infer<typeof accountSummary>;

export const changePasswordInput = z
  .strictObject({ currentPassword: currentPasswordSchema, newPassword: passwordSchema })
  .refine((input) => input.currentPassword !== input.newPassword, { path: ["newPassword"], message: "must differ from the current password" });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

/** The new secret, shown to its user to scan; it takes effect only once a code from it is confirmed. */
export const totpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolment>;

export const confirmTotpInput = z.strictObject({ code: z.string({ error: "must be a string" }).trim().regex(/^\d{6}$/, "must be the 6-digit code from your authenticator app") });
export type ConfirmTotpInput = z.input<typeof confirmTotpInput>;

export const disableTotpInput = z.strictObject({ currentPassword: currentPasswordSchema });
export type DisableTotpInput = z.input<typeof disableTotpInput>;
