/**
 * The `rmm-session` cookie. Its value is an Auth.js (next-auth) encrypted JWT whose `sid` claim is
 * the opaque session token; the token's hash is the key of the `sessions` table. REST sign-in and
 * the next-auth dashboard sign-in therefore mint the same cookie, and the database decides whether
 * a session is still valid (so sign-out really invalidates it).
 */
import { decode, encode } from "next-auth/jwt";

export const SESSION_COOKIE = "rmm-session";
/** Password sessions last 12 hours; SSO sessions five minutes (specification 000). */
export const PASSWORD_SESSION_SECONDS = 12 * 60 * 60;
export const SSO_SESSION_SECONDS = 5 * 60;

export async function encodeSessionCookie(input: { secret: string; username: string; sessionToken: string; maxAgeSeconds: number }): Promise<string> {
  return encode({
    secret: input.secret,
    salt: SESSION_COOKIE,
    maxAge: input.maxAgeSeconds,
    token: { sub: input.username, name: input.username, sid: input.sessionToken },
  });
}

/** The session token inside a cookie value, or null for anything forged, expired or malformed. */
export async function decodeSessionCookie(secret: string, value: string | undefined): Promise<string | null> {
  if (!value) return null;
  try {
    const payload = await decode({ secret, salt: SESSION_COOKIE, token: value });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

export function sessionCookieAttributes(options: { secure: boolean; maxAgeSeconds: number }) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: options.secure, maxAge: options.maxAgeSeconds };
}

/** Reads one cookie out of a raw Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}
