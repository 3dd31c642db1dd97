/** Runs every agent's checks once a minute, in whichever web process takes the job (it asks agents through the web bus). */
import { getCommandWaiters } from "../bus/web-bus";
import { defineJob } from "../jobs/queue";
import { systemActorContext } from "../services/service-context";
import { runChecks } from "./run-checks";

export const CHECK_INTERVAL_SECONDS = 60;

export const checkRuns = defineJob({
  name: "check-runs",
  schedule: { everySeconds: CHECK_INTERVAL_SECONDS },
  retry: { retryLimit: 0 },
  timeoutSeconds: 10 * 60,
  run: async (_data, { db }) => {
    await runChecks(systemActorContext({ db, username: "system:checks", waiters: getCommandWaiters }));
  },
});
