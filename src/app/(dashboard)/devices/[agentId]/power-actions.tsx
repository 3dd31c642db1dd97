"use client";
/**
 * Restart, shut down, or restart the agent of one device (operators): each asks first, naming the
 * device, then says whether the agent accepted.
 */
import { useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DEVICE_ACTION_TEXT } from "@/lib/device-actions";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import type { DeviceAction } from "@/protocol/actions";
import { DEVICE_ACTIONS, invokeActionInput } from "@/server/contracts/device-actions";

export function PowerActions({ agentId, deviceName }: { agentId: string; deviceName: string }) {
  const [confirming, setConfirming] = useState<DeviceAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { run, pending, error } = useMutation(invokeActionInput, (input: { agentId: string; action: DeviceAction }) => trpc.agents.invokeAction.mutate(input));

  async function invoke(action: DeviceAction) {
    setDone(null);
    const result = await run({ agentId, action });
    setConfirming(null);
    if (result) setDone(`${deviceName} ${DEVICE_ACTION_TEXT[action].accepted}.`);
  }

  const text = confirming ? DEVICE_ACTION_TEXT[confirming] : null;
  return (
    <div role="group" aria-label="Power" className="flex items-center gap-2">
      {DEVICE_ACTIONS.map((action) => (
        <Button key={action} variant="secondary" size="sm" onClick={() => setConfirming(action)}>
          {DEVICE_ACTION_TEXT[action].label}…
        </Button>
      ))}
      {done ? <Alert tone="success">{done}</Alert> : null}
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <ConfirmDialog
        open={confirming !== null}
        title={text ? `${text.verb} ${deviceName}?` : ""}
        confirmLabel={text?.label ?? ""}
        pendingLabel="Sending…"
        pending={pending}
        onConfirm={() => confirming && void invoke(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>{text?.explain}</p>
      </ConfirmDialog>
    </div>
  );
}
