/** What a page shows to a signed-in user whose role is too low: a clear 403, not a blank page. */
import type { Role } from "@/server/auth/roles";
import { BackToDevices } from "./back-to-devices";
import { StatusPanel } from "./status-panel";

export function Forbidden({ requiredRole }: { requiredRole?: Role }) {
  const role = requiredRole ? `the ${requiredRole} role` : "a higher role";
  return (
    <StatusPanel code="403 · FORBIDDEN" title={`You need ${role}`} action={<BackToDevices />}>
      This page is only available to users with {role}. Ask an administrator if you need access.
    </StatusPanel>
  );
}
