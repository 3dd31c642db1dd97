"use client";
/** Removes a device (operators): asks first, then revokes the agent and returns to the device list. */
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
    if (result) router.push("/devices");
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
          The agent is disconnected now and can never connect again with its current identity; the device leaves the list. Its history stays in the audit log. To manage the
          machine again, install the agent anew.
        </p>
      </ConfirmDialog>
    </>
  );
}
