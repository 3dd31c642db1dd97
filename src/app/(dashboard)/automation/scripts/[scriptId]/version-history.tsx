"use client";
/** Every version, newest first, with its hash, author and approval; another admin may approve a version here. */
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { FormCard } from "@/components/form-card";
import { RelativeTime } from "@/components/relative-time";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { approveScriptInput, type ScriptDetail } from "@/server/contracts/scripts";
import { LANGUAGE_LABELS } from "../script-labels";

export function VersionHistory({ script, mayApprove, username }: { script: ScriptDetail; mayApprove: boolean; username: string }) {
  const { run, pending, error } = useMutation(approveScriptInput, (input: { scriptId: number; versionId: number }) => trpc.scripts.approve.mutate(input));
  return (
    <FormCard title="Versions" description={script.requiresApproval ? "Approval required: a version runs once an admin other than its author approved it." : "No approval required."}>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <ol className="divide-y divide-slate-100" aria-label="Versions">
        {script.versions.map((version) => (
          <li key={version.id} className="flex items-start justify-between gap-3 py-2 text-[13px]" data-testid={`version-${version.version}`}>
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                Version {version.version} <span className="font-normal text-slate-500">· {LANGUAGE_LABELS[version.language]}</span>
              </p>
              <p className="text-xs text-slate-500">
                {version.author}, <RelativeTime iso={version.createdAt} />
              </p>
              <p className="truncate font-mono text-[11px] text-slate-400" title={version.sha256}>
                {version.sha256}
              </p>
            </div>
            {version.approvedBy ? (
              <Badge tone="success">approved by {version.approvedBy}</Badge>
            ) : script.requiresApproval && version.id === script.versionId ? (
              mayApprove && version.author !== username ? (
                <Button size="sm" disabled={pending} onClick={() => void run({ scriptId: script.id, versionId: version.id })}>
                  Approve
                </Button>
              ) : (
                <Badge tone="warning">awaiting another admin</Badge>
              )
            ) : null}
          </li>
        ))}
      </ol>
    </FormCard>
  );
}
