/** A task's occurrences, newest first: when it was due, the outcome, exit code and the start of the output; each names the script run that holds the whole output. */
import { FormCard } from "@/components/form-card";
import { RelativeTime } from "@/components/relative-time";
import type { TaskRun } from "@/server/contracts/tasks";
import { TaskRunBadge } from "../task-labels";

export function RunHistory({ runs }: { runs: TaskRun[] }) {
  return (
    <FormCard title="Run history" description="One line per occurrence (the latest 100). The output is cut here; the script's run has all of it.">
      {runs.length === 0 ? (
        <p className="text-[13px] text-slate-500">No occurrence has come up yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Run history">
          {runs.map((run) => (
            <li key={run.id} className="py-2" data-testid="task-run">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-[13px] text-slate-700">
                  <TaskRunBadge status={run.status} />
                  <span>
                    due <RelativeTime iso={run.scheduledFor} />
                    {run.exitCode !== null ? ` · exit ${run.exitCode}` : ""}
                    {run.error ? ` · ${run.error}` : ""}
                  </span>
                </summary>
                <div className="mt-2 space-y-1">
                  {run.output ? <pre className="max-h-64 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-[12px] text-slate-100">{run.output}</pre> : <p className="text-[12px] text-slate-500">No output.</p>}
                  {run.scriptRunId !== null ? <p className="text-[12px] text-slate-500">Script run #{run.scriptRunId}</p> : null}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </FormCard>
  );
}
