/**
 * What a page shows to a signed-in user whose role is too low, or who sees only some clients on a
 * page about all of them: a clear 403, not a blank page.
 */
import type { Role } from "@/server/auth/roles";
import { BackToDevices } from "./back-to-devices";
import { StatusPanel } from "./status-panel";

export function Forbidden({ requiredRole, allClients = false }: { requiredRole?: Role; allClients?: boolean }) {
  const role = requiredRole ? `the ${requiredRole} role` : "a higher role";
  if (allClients) {
    return (
      <StatusPanel code="403 · FORBIDDEN" title={`You need ${role} for every client`} action={<BackToDevices />}>
        This page concerns every client, and you see only some of them. Ask an administrator if you need access.
      </StatusPanel>
    );
  }
  return (
    <StatusPanel code="403 · FORBIDDEN" title={`You need ${role}`} action={<BackToDevices />}>
      This page is only available to users with {role}. Ask an administrator if you need access.
    </StatusPanel>
  );
}
