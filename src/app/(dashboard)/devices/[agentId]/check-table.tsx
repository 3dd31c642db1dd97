/** A device's checks: type, name, passing or failing with the detail of the latest run, and when it ran; operators may remove one. */
import { Badge, type BadgeTone } from "@/components/badge";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import type { CheckStatus, CheckType } from "@/server/contracts/checks";
import { RemoveCheckButton } from "./remove-check-button";

export type CheckRowView = { id: number; name: string; checkType: CheckType; status: CheckStatus; moreInfo: string; lastRun: string | null };

const STATUS_TONES: Record<CheckStatus, BadgeTone> = { passing: "success", failing: "danger", pending: "neutral" };

export const CHECK_TYPE_LABELS: Record<CheckType, string> = {
  diskspace: "Disk space",
  cpuload: "CPU load",
  memory: "Memory",
  ping: "Ping",
  winsvc: "Service",
  script: "Script",
  eventlog: "Event log",
};

export function CheckTable({ rows, deviceName, canDelete }: { rows: CheckRowView[]; deviceName: string; canDelete: boolean }) {
  if (rows.length === 0) return <EmptyState title="No checks yet">Add a check to test {deviceName} every minute; a failing check raises an alert.</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-[13px]" aria-label={`Checks of ${deviceName}`}>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Check</th>
            <th scope="col" className="px-3 py-2 font-medium">Type</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Details</th>
            <th scope="col" className="px-3 py-2 font-medium">Last run</th>
            {canDelete ? <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="check-row">
              <td className="px-3 py-2 font-medium text-slate-900">{row.name}</td>
              <td className="px-3 py-2 text-slate-600">{CHECK_TYPE_LABELS[row.checkType]}</td>
              <td className="px-3 py-2">
                <Badge tone={STATUS_TONES[row.status]} dot>
                  {row.status}
                </Badge>
              </td>
              <td className="px-3 py-2 text-slate-600">{row.moreInfo || "—"}</td>
              <td className="px-3 py-2 text-slate-500">
                <RelativeTime iso={row.lastRun} never="Not yet" />
              </td>
              {canDelete ? (
                <td className="px-3 py-2 text-right">
                  <RemoveCheckButton id={row.id} name={row.name} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
