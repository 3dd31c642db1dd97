/** One device's outcome: status, exit code, duration, and both output streams. */
import type { ScriptRun } from "@/server/contracts/scripts";
import { RunStatusBadge } from "../script-labels";

const PRE = "max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-950 p-2 font-mono text-[12px] leading-5 text-slate-100";

export function RunOutput({ run }: { run: ScriptRun }) {
  return (
    <div className="space-y-1 text-[13px]">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{run.agentName}</span>
        <RunStatusBadge status={run.status} />
        {run.exitCode !== null ? <span className="text-slate-600">exit code {run.exitCode}</span> : null}
        {run.durationMs !== null ? <span className="text-xs text-slate-400">{(run.durationMs / 1000).toFixed(2)} s</span> : null}
      </p>
      {run.error ? <p className="text-xs text-red-700">{run.error}</p> : null}
      {run.stdout ? <pre className={PRE}>{run.stdout}</pre> : null}
      {run.stderr ? <pre className={`${PRE} text-red-200`}>{run.stderr}</pre> : null}
    </div>
  );
}
