/** The role ladder: viewer < operator < admin. The single definition used by every check. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(actual: Role, minimum: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(minimum);
}

/** How the actor proved who it is; `system` is the product acting by itself (checks, remediation). */
export type AuthMethod = "session" | "sso" | "jwt" | "api-key" | "system";

/**
 * Who is acting: stamped on every request context and written into the audit log. `clientIds`
 * are the clients (customers) whose agents the actor may see and act on; null for all of them.
 */
export type Actor = { userId: number; username: string; role: Role; via: AuthMethod; apiKeyId?: string; clientIds: number[] | null };
