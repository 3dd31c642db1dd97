"use client";
/** The schedule field with what it means: the next three run times (in the viewer's time zone, UTC alongside) or why it is not a schedule. */
import { useMemo, useState } from "react";
import { controlProps, Field } from "@/components/field";
import { nextOccurrences, scheduleProblem } from "@/lib/cron";
import { formatTimestamp } from "@/lib/format-time";

const PREVIEW_COUNT = 3;

export function ScheduleField({ id, error, defaultValue = "0 3 * * *" }: { id: string; error?: string; defaultValue?: string }) {
  const [expression, setExpression] = useState(defaultValue);
  const preview = useMemo(() => {
    const problem = scheduleProblem(expression);
    return problem ? { problem, times: [] } : { problem: null, times: nextOccurrences(expression, new Date(), PREVIEW_COUNT) };
  }, [expression]);
  return (
    <Field id={id} label="Schedule (cron, UTC)" error={error} hint="minute hour day-of-month month day-of-week, e.g. 0 3 * * 0 for Sundays at 03:00 UTC.">
      <input name="schedule" value={expression} onChange={(event) => setExpression(event.target.value)} autoComplete="off" spellCheck={false} {...controlProps(id, error)} />
      <div className="mt-1.5 text-[12px] text-slate-600" aria-live="polite" data-testid="schedule-preview">
        {preview.problem ? (
          <p className="text-amber-700">Schedule {preview.problem}.</p>
        ) : (
          <>
            <p>Next runs:</p>
            <ol className="list-inside list-decimal">
              {preview.times.map((time) => {
                const local = formatTimestamp(time.toISOString(), undefined, { seconds: false });
                const utc = formatTimestamp(time.toISOString(), "UTC", { seconds: false });
                return (
                  <li key={time.toISOString()}>
                    {local}
                    {local !== utc ? <span className="text-slate-400"> ({utc})</span> : null}
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </div>
    </Field>
  );
}
