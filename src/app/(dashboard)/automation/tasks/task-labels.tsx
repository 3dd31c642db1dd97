/** How task run outcomes read in the dashboard. */
import { Badge, type BadgeTone } from "@/components/badge";
import type { TaskRunStatus } from "@/server/contracts/task-statuses";

const TONES: Record<TaskRunStatus, BadgeTone> = { pending: "warning", running: "info", succeeded: "success", failed: "danger", timeout: "warning", error: "danger", missed: "neutral" };
const LABELS: Partial<Record<TaskRunStatus, string>> = { pending: "waiting for device" };

export function TaskRunBadge({ status }: { status: TaskRunStatus }) {
  return <Badge tone={TONES[status]}>{LABELS[status] ?? status}</Badge>;
}
