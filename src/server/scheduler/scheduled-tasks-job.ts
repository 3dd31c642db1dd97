/**
 * Runs the scheduler's pass every 15 seconds (cron schedules have a one-minute granularity, so an
 * occurrence starts at most ~15 s late). The job does not wait for the scripts it starts: their
 * outcomes are recorded as they arrive, and a long script does not hold up the next pass.
 */
import { getCommandWaiters } from "../bus/web-bus";
import { defineJob } from "../jobs/queue";
import { runDueTasks } from "./run-due-tasks";

export const SCHEDULER_PERIOD_SECONDS = 15;

export const scheduledTasksJob = defineJob({
  name: "scheduled-tasks",
  schedule: { everySeconds: SCHEDULER_PERIOD_SECONDS },
  // A failed pass is simply the next one.
  retry: { retryLimit: 0 },
  timeoutSeconds: 60,
  async run(_data, { db }) {
    await runDueTasks({ db, waiters: getCommandWaiters });
  },
});
