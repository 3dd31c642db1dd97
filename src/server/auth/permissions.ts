/**
 * What the signed-in person may do, read from the procedures' metadata: the dashboard hides
 * navigation, guards pages and shows buttons by asking about the procedure behind them, so a
 * role is declared once, on the procedure.
 */
import { minRoleOf } from "../api/route-table";
import { hasRole, type Role } from "./roles";

export function requiredRole(procedurePath: string): Role {
  const minRole = minRoleOf(procedurePath);
  return minRole === "public" ? "viewer" : minRole;
}

export function mayCall(actor: { role: Role }, procedurePath: string): boolean {
  return hasRole(actor.role, requiredRole(procedurePath));
}
