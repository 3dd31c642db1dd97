/** Setting and clearing the `rmm-session` cookie on REST responses. */
import { requireSetting, getConfig } from "../config";
import type { LoginResult } from "./login";
import { encodeSessionCookie, SESSION_COOKIE, sessionCookieAttributes } from "./session-cookie";

function serializeCookie(name: string, value: string, attributes: ReturnType<typeof sessionCookieAttributes>): string {
  const parts = [`${name}=${value}`, `Path=${attributes.path}`, `Max-Age=${attributes.maxAge}`, "HttpOnly", "SameSite=Lax"];
  if (attributes.secure) parts.push("Secure");
  return parts.join("; ");
}

export function servedOverHttps(): boolean {
  return getConfig().publicUrl.startsWith("https:");
}

export async function sessionSetCookie(result: LoginResult): Promise<string> {
  const value = await encodeSessionCookie({ secret: requireSetting("AUTH_SECRET"), username: result.username, sessionToken: result.sessionToken, maxAgeSeconds: result.maxAgeSeconds });
  return serializeCookie(SESSION_COOKIE, value, sessionCookieAttributes({ secure: servedOverHttps(), maxAgeSeconds: result.maxAgeSeconds }));
}

export function clearSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, "", sessionCookieAttributes({ secure: servedOverHttps(), maxAgeSeconds: 0 }));
}
