/**
 * What the signed-in person may do, read from the procedures' metadata: the dashboard hides
 * navigation, guards pages and shows buttons by asking about the procedure behind them, so a
 * role is declared once, on the procedure.
 */
import { metaOf, minRoleOf } from "../api/route-table";
import { hasRole, type Actor, type Role } from "./roles";

/** The role a person needs; null for what only an agent may call for itself. */
export function requiredRole(procedurePath: string): Role {
  const minRole = minRoleOf(procedurePath);
  if (minRole === "agent") throw new Error(`'${procedurePath}' is called by agents, not people`);
  return minRole === "public" ? "viewer" : minRole;
}

/** True when a procedure reaches every client's data, so actors restricted to some clients may not call it. */
export function needsAllClients(procedurePath: string): boolean {
  return metaOf(procedurePath).allClients === true;
}

export function mayCall(actor: Pick<Actor, "role" | "clientIds">, procedurePath: string): boolean {
  if (minRoleOf(procedurePath) === "agent" || !hasRole(actor.role, requiredRole(procedurePath))) return false;
  return actor.clientIds === null || !needsAllClients(procedurePath);
}

/** Why a page's procedure is refused: the role it needs, and whether having it would not be enough (some clients only). */
export function refusal(actor: Pick<Actor, "role" | "clientIds">, procedurePath: string): { requiredRole: Role; allClients: boolean } {
  const role = requiredRole(procedurePath);
  return { requiredRole: role, allClients: hasRole(actor.role, role) && actor.clientIds !== null && needsAllClients(procedurePath) };
}
