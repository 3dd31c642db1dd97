/** The scheduler: every scheduled task with its next run, last result and enabled switch, and the form that adds one. */
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { MAX_PAGE_SIZE } from "@/server/contracts/paging";
import { CreateTaskForm } from "./create-task-form";
import { TasksTable } from "./tasks-table";

export const metadata: Metadata = { title: "Scheduled tasks" };

export default async function TasksPage() {
  const { actor, caller } = await requirePermission("tasks.list");
  const tasks = await caller.tasks.list();
  const mayCreate = mayCall(actor, "tasks.create");
  const [scripts, devices] = mayCreate ? await Promise.all([caller.scripts.list(), caller.agents.list({ sortBy: "name", sortOrder: "asc", page: 1, perPage: MAX_PAGE_SIZE })]) : [[], null];
  return (
    <section>
      <PageHeader
        title="Scheduled tasks"
        description="Library scripts that run on a device on a cron schedule (UTC). Each occurrence runs once; a device that is offline misses it, or runs it when it returns if the task says so."
      />
      <div className={mayCreate ? "grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]" : ""}>
        {tasks.length > 0 ? (
          <TasksTable rows={tasks} mayEdit={mayCall(actor, "tasks.update")} />
        ) : (
          <EmptyState title="No scheduled tasks yet">
            <p>{mayCreate ? "Schedule a script with the form on this page; each run appears in the task's history." : "An operator schedules tasks; you will see them here."}</p>
          </EmptyState>
        )}
        {mayCreate ? (
          <CreateTaskForm
            scripts={scripts.map((script) => ({ id: script.id, name: script.name, approval: script.approval }))}
            devices={(devices?.items ?? []).map((device) => ({ id: device.agentId, name: device.displayName ?? device.name }))}
          />
        ) : null}
      </div>
    </section>
  );
}
