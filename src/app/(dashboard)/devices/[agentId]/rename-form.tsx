"use client";
/** Gives the device the name technicians know it by (operators); empty goes back to the host name. */
import type { FormEvent } from "react";
import { Button } from "@/components/button";
import { controlProps } from "@/components/field";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { renameAgentInput } from "@/server/contracts/agents";

export function RenameForm({ agentId, displayName, hostname }: { agentId: string; displayName: string | null; hostname: string }) {
  const { run, pending, error } = useMutation(renameAgentInput, (input: { agentId: string; displayName: string | null }) => trpc.agents.rename.mutate(input));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run({ agentId, displayName: String(new FormData(event.currentTarget).get("displayName") ?? "") });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-1.5" aria-label="Display name">
      <div className="flex gap-2">
        <input name="displayName" key={displayName ?? ""} defaultValue={displayName ?? ""} placeholder={hostname} aria-label="Display name" autoComplete="off" maxLength={64} {...controlProps("device-display-name", error?.fields.displayName)} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Rename"}
        </Button>
      </div>
      <FormErrorSummary error={error} fields={[]} />
    </form>
  );
}
