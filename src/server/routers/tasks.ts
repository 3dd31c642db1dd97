/**
 * Scheduled tasks (spec 003 "Tasks", the dashboard's scheduler): viewers see tasks and their runs,
 * operators create, change and delete them (they may run scripts anyway, and four-eyes approval
 * still applies to every run). A task's agent is checked against the actor's scope by the
 * authorization middleware (`agentId`); tasks named by id are checked by the service.
 */
import { z } from "zod";
import { v3AgentFilter } from "../api/presenters/v3";
import { v3CreateTaskBody, v3CreateTaskInput, v3TaskDetail, v3TaskList } from "../api/presenters/v3-tasks";
import { agentIdInput } from "../contracts/agents";
import { createTaskInput, scheduledTask, taskIdInput, taskRun, updateTaskInput } from "../contracts/tasks";
import { createTask, deleteTask, listTaskRuns, listTasks, updateTask } from "../services/tasks";
import { operatorProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Scheduled tasks";
const byTask = z.strictObject({ taskId: taskIdInput });

export const tasksRouter = router({
  list: viewerProcedure
    .meta({
      summary: "Scheduled tasks with their next occurrence and latest run",
      tag: TAG,
      routes: {
        v3: { method: "GET", path: "/tasks/", ...v3AgentFilter, present: v3TaskList },
      },
    })
    .input(z.strictObject({ agentId: agentIdInput.optional() }).default({}))
    .output(z.array(scheduledTask))
    .query(({ ctx, input }) => listTasks(ctx.service, input)),

  create: operatorProcedure
    .meta({
      summary: "Schedule a library script on an agent with a cron expression (UTC); 400 names an invalid schedule",
      tag: TAG,
      routes: { v3: { method: "POST", path: "/tasks/", status: 201, input: v3CreateTaskInput, body: v3CreateTaskBody, present: v3TaskDetail } },
    })
    .input(createTaskInput)
    .output(scheduledTask)
    .mutation(({ ctx, input }) => createTask(ctx.service, input)),

  update: operatorProcedure
    .meta({ summary: "Change a task: enable or disable it, its schedule (the next occurrence is computed again), name, arguments or timeout", tag: TAG })
    .input(updateTaskInput)
    .output(scheduledTask)
    .mutation(({ ctx, input }) => updateTask(ctx.service, input)),

  delete: operatorProcedure
    .meta({ summary: "Delete a task and its run history", tag: TAG })
    .input(byTask)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteTask(ctx.service, input.taskId)),

  runs: viewerProcedure
    .meta({ summary: "A task's occurrences, newest first: when, outcome, exit code and the start of the output", tag: TAG })
    .input(byTask)
    .output(z.array(taskRun))
    .query(({ ctx, input }) => listTaskRuns(ctx.service, input.taskId)),
});
