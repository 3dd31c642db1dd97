/** How languages, approval states and run outcomes read in the dashboard. */
import { Badge, type BadgeTone } from "@/components/badge";
import type { ScriptLanguage } from "@/protocol";
import type { ScriptRun, ScriptSummary } from "@/server/contracts/scripts";

export const LANGUAGE_LABELS: Record<ScriptLanguage, string> = { powershell: "PowerShell", python: "Python", bash: "bash", cmd: "cmd" };

const APPROVAL: Record<ScriptSummary["approval"], { tone: BadgeTone; label: string }> = {
  "not-required": { tone: "neutral", label: "not required" },
  pending: { tone: "warning", label: "awaiting approval" },
  approved: { tone: "success", label: "approved" },
};

export function ApprovalBadge({ approval }: { approval: ScriptSummary["approval"] }) {
  return (
    <Badge tone={APPROVAL[approval].tone} dot>
      {APPROVAL[approval].label}
    </Badge>
  );
}

const RUN_TONES: Record<ScriptRun["status"], BadgeTone> = { running: "info", succeeded: "success", failed: "danger", timeout: "warning", error: "danger" };

export function RunStatusBadge({ status }: { status: ScriptRun["status"] }) {
  return <Badge tone={RUN_TONES[status]}>{status}</Badge>;
}
