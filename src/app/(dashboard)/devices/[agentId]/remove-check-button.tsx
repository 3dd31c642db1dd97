"use client";
/** Removes one check after confirmation; its open alert is closed with it. */
import { useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { checkIdInput } from "@/server/contracts/checks";

export function RemoveCheckButton({ id, name }: { id: number; name: string }) {
  const remove = useMutation(checkIdInput, (input: { id: number }) => trpc.checks.delete.mutate(input));
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button size="xs" variant="ghost-danger" aria-label={`Remove check ${name}`} onClick={() => setConfirming(true)}>
        Remove
      </Button>
      {remove.error ? <Alert tone="error">{remove.error.message}</Alert> : null}
      <ConfirmDialog
        open={confirming}
        title={`Remove the check ${name}?`}
        confirmLabel="Remove check"
        pendingLabel="Removing…"
        pending={remove.pending}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          await remove.run({ id });
          setConfirming(false);
        }}
      >
        It stops running, and its open alert, if any, is closed.
      </ConfirmDialog>
    </>
  );
}
