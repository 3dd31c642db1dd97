/** Every job the web processes run; a new job is declared in its own file and listed here. */
import { checkRuns } from "../checks/check-job";
import { notificationDispatch } from "../notifications/dispatch-job";
import { remediationDispatch } from "../remediation/remediation-job";
import { scheduledTasksJob } from "../scheduler/scheduled-tasks-job";
import { cleanup, presenceSweep } from "./maintenance";
import { metricRollup } from "./metric-rollup";
import type { AnyJob } from "./queue";

export const JOBS: readonly AnyJob[] = [presenceSweep, cleanup, notificationDispatch, scheduledTasksJob, checkRuns, remediationDispatch, metricRollup];
