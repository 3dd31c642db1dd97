/**
 * What the signed-in person may do, read from the procedures' metadata: the dashboard hides
 * navigation, guards pages and shows buttons by asking about the procedure behind them, so a
 * role is declared once, on the procedure.
 */
import { minRoleOf } from "../api/route-table";
import { hasRole, type Role } from "./roles";

/** The role a person needs; null for what only an agent may call for itself. */
export function requiredRole(procedurePath: string): Role {
  const minRole = minRoleOf(procedurePath);
  if (minRole === "agent") throw new Error(`'${procedurePath}' is called by agents, not people`);
  return minRole === "public" ? "viewer" : minRole;
}

export function mayCall(actor: { role: Role }, procedurePath: string): boolean {
  return minRoleOf(procedurePath) !== "agent" && hasRole(actor.role, requiredRole(procedurePath));
}
