/**
 * Install and uninstall as a list of titled steps, so `--dry-run` can print exactly what a real
 * run would do, and a failure names the step it happened in.
 */
import type { Logger } from "../log";
import { errorMessage } from "../util";

export interface Step {
  title: string;
  run(): Promise<void>;
  /** A step whose failure is reported and then passed over (stopping a service that is not running). */
  optional?: boolean;
}

export async function runSteps(steps: Step[], { dryRun, log }: { dryRun: boolean; log: Logger }): Promise<void> {
  for (const step of steps) {
    if (dryRun) {
      log.info("would", { step: step.title });
      continue;
    }
    try {
      await step.run();
      log.info("done", { step: step.title });
    } catch (error) {
      if (!step.optional) throw new Error(`${step.title}: ${errorMessage(error)}`, { cause: error });
      log.warn("skipped", { step: step.title, reason: errorMessage(error) });
    }
  }
}
