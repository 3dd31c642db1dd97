/** One scheduled task: its schedule and next run, its run history, and (operators) switching it off or deleting it. */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { requirePermission } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { taskIdInput } from "@/server/contracts/tasks";
import { EnabledToggle } from "../enabled-toggle";
import { DeleteTaskButton } from "./delete-task-button";
import { RunHistory } from "./run-history";

export const metadata: Metadata = { title: "Scheduled task" };

export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const { actor, caller } = await requirePermission("tasks.runs");
  const id = z.coerce.number().pipe(taskIdInput).safeParse((await params).taskId);
  if (!id.success) notFound();
  const task = (await caller.tasks.list()).find((candidate) => candidate.id === id.data);
  if (!task) notFound();
  const runs = await caller.tasks.runs({ taskId: task.id });
  const mayEdit = mayCall(actor, "tasks.update");
  return (
    <section>
      <PageHeader
        title={task.name}
        description={
          <>
            <Link href={`/automation/scripts/${task.scriptId}`} className="text-sky-700 hover:underline">
              {task.scriptName}
            </Link>{" "}
            on{" "}
            <Link href={`/devices/${task.agentId}`} className="text-sky-700 hover:underline">
              {task.agentName}
            </Link>{" "}
            · <code className="font-mono text-[12px]">{task.schedule}</code> (UTC) · next run {task.enabled ? <RelativeTime iso={task.nextRunAt} never="none" /> : "none (disabled)"}
            {task.runMissed ? " · runs a missed occurrence when the device returns" : ""}
          </>
        }
      />
      {mayEdit ? (
        <div className="mb-4 flex gap-2">
          <EnabledToggle taskId={task.id} name={task.name} enabled={task.enabled} />
          <DeleteTaskButton taskId={task.id} name={task.name} />
        </div>
      ) : null}
      <RunHistory runs={runs} />
    </section>
  );
}
