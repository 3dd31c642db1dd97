"use client";
/** The scheduled tasks as a table: a row opens the task's run history. */
import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/relative-time";
import type { Column } from "@/lib/table-rows";
import type { ScheduledTask } from "@/server/contracts/tasks";
import { EnabledToggle } from "./enabled-toggle";
import { TaskRunBadge } from "./task-labels";

function columns(mayEdit: boolean): Column<ScheduledTask>[] {
  return [
    {
      id: "name",
      header: "Name",
      accessor: (task) => task.name,
      render: (task) => (
        <Link href={`/automation/tasks/${task.id}`} className="font-medium text-slate-900 hover:text-sky-700 hover:underline">
          {task.name}
        </Link>
      ),
    },
    { id: "device", header: "Device", accessor: (task) => task.agentName },
    { id: "script", header: "Script", accessor: (task) => task.scriptName },
    { id: "schedule", header: "Schedule (UTC)", accessor: (task) => task.schedule, render: (task) => <code className="font-mono text-[12px]">{task.schedule}</code> },
    {
      id: "nextRun",
      header: "Next run",
      accessor: (task) => task.nextRunAt ?? "",
      render: (task) => (task.enabled ? <RelativeTime iso={task.nextRunAt} never="None" /> : <Badge tone="neutral">disabled</Badge>),
      searchable: false,
    },
    {
      id: "lastResult",
      header: "Last result",
      accessor: (task) => task.lastRun?.status ?? "never run",
      render: (task) =>
        task.lastRun ? (
          <span className="inline-flex items-center gap-2">
            <TaskRunBadge status={task.lastRun.status} />
            <RelativeTime iso={task.lastRun.startedAt ?? task.lastRun.scheduledFor} />
          </span>
        ) : (
          <span className="text-slate-400">Never run</span>
        ),
    },
    ...(mayEdit
      ? [{ id: "enabled", header: "", accessor: (task: ScheduledTask) => (task.enabled ? "enabled" : "disabled"), render: (task: ScheduledTask) => <EnabledToggle taskId={task.id} name={task.name} enabled={task.enabled} />, searchable: false }]
      : []),
  ];
}

export function TasksTable({ rows, mayEdit }: { rows: ScheduledTask[]; mayEdit: boolean }) {
  return (
    <DataTable
      rows={rows}
      columns={columns(mayEdit)}
      rowKey={(task) => String(task.id)}
      noun="tasks"
      facets={["device", "lastResult"]}
      initialSort={{ columnId: "name", direction: "asc" }}
      rowHref={(task) => `/automation/tasks/${task.id}`}
    />
  );
}
