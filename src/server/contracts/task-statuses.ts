/**
 * The states of a scheduled task's occurrence, alone in a module without imports so that the
 * database schema and the dashboard read the same list. `pending`: missed while the agent was
 * offline, to run when it returns (the task runs missed occurrences); `missed`: not run, and never will be.
 */
export const TASK_RUN_STATUSES = ["pending", "running", "succeeded", "failed", "timeout", "error", "missed"] as const;
export type TaskRunStatus = (typeof TASK_RUN_STATUSES)[number];
