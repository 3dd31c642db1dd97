"use client";
/** Deletes a task and its history after a confirmation, then returns to the scheduler. */
import { useRouter } from "next/navigation";
import { z } from "zod";
import { Button } from "@/components/button";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { taskIdInput } from "@/server/contracts/tasks";

const input = z.strictObject({ taskId: taskIdInput });

export function DeleteTaskButton({ taskId, name }: { taskId: number; name: string }) {
  const router = useRouter();
  const { run, pending, error } = useMutation(input, (value) => trpc.tasks.delete.mutate(value));
  async function remove() {
    if (!window.confirm(`Delete the task '${name}' and its run history?`)) return;
    if (await run({ taskId })) router.push("/automation/tasks");
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="xs" variant="ghost-danger" disabled={pending} onClick={() => void remove()}>
        Delete
      </Button>
      {error ? <span className="text-[12px] text-red-700">{error.message}</span> : null}
    </span>
  );
}
