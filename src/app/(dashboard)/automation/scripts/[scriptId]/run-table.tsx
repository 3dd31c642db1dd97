/** The script's latest runs: where, which version, who, the outcome; each opens to its output. */
import { FormCard } from "@/components/form-card";
import { RelativeTime } from "@/components/relative-time";
import type { ScriptRun } from "@/server/contracts/scripts";
import { RunOutput } from "./run-output";

export function RunTable({ runs }: { runs: ScriptRun[] }) {
  return (
    <FormCard title="Latest runs" description="Every run keeps the version's hash, the arguments, who started it, and the output (cut at 64 KiB per stream).">
      {runs.length === 0 ? (
        <p className="text-[13px] text-slate-500">Not run yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Latest runs">
          {runs.map((run) => (
            <li key={run.id} className="py-2" data-testid="script-run">
              <details>
                <summary className="cursor-pointer text-[13px] text-slate-700">
                  <span className="font-medium text-slate-900">{run.agentName}</span> · version {run.version} · {run.status}
                  {run.exitCode !== null ? ` (exit ${run.exitCode})` : ""} · {run.requestedBy}, <RelativeTime iso={run.startedAt} />
                </summary>
                <div className="mt-2 space-y-1">
                  {run.args.length > 0 ? <p className="font-mono text-[11px] text-slate-500">args: {JSON.stringify(run.args)}</p> : null}
                  <RunOutput run={run} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </FormCard>
  );
}
