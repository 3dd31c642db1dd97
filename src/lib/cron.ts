/**
 * Cron schedules of scheduled tasks, read the same way by the server (which stores the next
 * occurrence) and the dashboard (which previews it): five fields (minute to day of week), in UTC,
 * by `croner`. Only a plain five-field pattern is a schedule: a date, or a seconds field, is not.
 */
import { Cron } from "croner";

const FIVE_FIELDS = /^\S+(\s+\S+){4}$/;

function parse(expression: string): Cron {
  if (!FIVE_FIELDS.test(expression.trim())) throw new Error("must be a cron expression of five fields (minute hour day-of-month month day-of-week)");
  // No function: croner only reads the pattern and schedules nothing.
  return new Cron(expression.trim(), { timezone: "UTC", mode: "5-part" });
}

/** Why the expression is not a usable schedule, or null when it is. */
export function scheduleProblem(expression: string): string | null {
  try {
    if (!parse(expression).nextRun()) return "never fires";
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.startsWith("must be") ? message : `is not a valid cron expression (${message})`;
  }
}

/** The next `count` occurrences strictly after `after` (fewer when the schedule ends). */
export function nextOccurrences(expression: string, after: Date, count: number): Date[] {
  return parse(expression).nextRuns(count, after);
}

/** The occurrence due next strictly after `after`, or null when there is none. */
export function nextOccurrence(expression: string, after: Date): Date | null {
  return parse(expression).nextRun(after);
}
