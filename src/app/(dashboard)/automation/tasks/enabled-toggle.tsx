"use client";
/** Switches a task on or off; the page refreshes with its new next run. */
import { Button } from "@/components/button";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { updateTaskInput } from "@/server/contracts/tasks";

export function EnabledToggle({ taskId, name, enabled }: { taskId: number; name: string; enabled: boolean }) {
  const { run, pending, error } = useMutation(updateTaskInput, (input) => trpc.tasks.update.mutate(input));
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="xs" variant={enabled ? "secondary" : "primary"} disabled={pending} aria-label={`${enabled ? "Disable" : "Enable"} ${name}`} onClick={() => void run({ taskId, enabled: !enabled })}>
        {enabled ? "Disable" : "Enable"}
      </Button>
      {error ? <span className="text-[12px] text-red-700">{error.message}</span> : null}
    </span>
  );
}
