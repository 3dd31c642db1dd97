/** Request schemas of the authentication endpoints. */
import { z } from "zod";

// Deliberately loose: a sign-in failure must not reveal which field was wrong, so anything that
// is a string is checked against the store and answered 401; only non-strings are a 400.
export const loginInput = z.object({
  username: z.string({ error: "must be a string" }).max(256, "must be at most 256 characters"),
  password: z.string({ error: "must be a string" }).max(256, "must be at most 256 characters"),
  totp: z.string({ error: "must be a string" }).max(16, "must be at most 16 characters").nullish(),
});

export const ssoQuery = z.object({
  username: z.string({ error: "is required" }).min(1, "is required").max(64),
  ts: z.string({ error: "is required" }).min(1, "is required").max(16),
  sig: z.string({ error: "is required" }).min(1, "is required").max(128),
});
