"use client";
/**
 * Removes a device (admins): asks first; the server asks a connected agent to uninstall itself,
 * then revokes it; back on the device list a notice says whether the agent confirmed.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { agentRef } from "@/server/contracts/agents";

export function RemoveDeviceButton({ agentId, deviceName }: { agentId: string; deviceName: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useMutation(agentRef, (input: { agentId: string }) => trpc.agents.remove.mutate(input));

  async function remove() {
    const result = await run({ agentId });
    setConfirming(false);
    if (result) router.push(`/devices?${new URLSearchParams({ removed: deviceName, uninstall: result.uninstall })}`);
  }

  return (
    <>
      <Button variant="ghost-danger" size="sm" onClick={() => setConfirming(true)}>
        Remove device
      </Button>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <ConfirmDialog
        open={confirming}
        title={`Remove ${deviceName}?`}
        confirmLabel="Remove device"
        pendingLabel="Removing…"
        pending={pending}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          If the agent is connected it is asked to uninstall itself (its service and files are removed). Either way it is disconnected and can never connect again with its
          current identity; the device leaves the list. Its history stays in the audit log. To manage the machine again, install the agent anew.
        </p>
      </ConfirmDialog>
    </>
  );
}
