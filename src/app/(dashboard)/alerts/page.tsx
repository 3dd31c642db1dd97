/** The alert centre: active alerts by default (open and acknowledged), resolved ones on request. */
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { AlertsTable, type AlertRowView } from "./alerts-table";

export const metadata: Metadata = { title: "Alerts" };

const STATES = [
  { value: "active", label: "Active" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
] as const;
type State = (typeof STATES)[number]["value"];

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const { caller, actor } = await requirePermission("alerts.list");
  const requested = (await searchParams).state;
  const state: State = STATES.some((entry) => entry.value === requested) ? (requested as State) : "active";
  const alerts = await caller.alerts.list({ state });
  const rows: AlertRowView[] = alerts.map((alert) => ({
    id: alert.id,
    agentId: alert.agentId,
    agentName: alert.agentName,
    severity: alert.severity,
    message: alert.message,
    status: alert.status,
    createdAt: alert.createdAt.toISOString(),
    acknowledgedBy: alert.acknowledgedBy,
    resolvedBy: alert.resolvedBy,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    snoozedUntil: alert.snoozedUntil && alert.snoozedUntil > new Date() ? alert.snoozedUntil.toISOString() : null,
  }));
  return (
    <section>
      <PageHeader
        title="Alerts"
        description="Raised by monitoring profiles when a device's average crosses a threshold; they resolve by themselves once it is clearly back."
        actions={
          <nav aria-label="Alert state" className="flex rounded-md border border-slate-200 bg-white p-0.5 text-[13px]">
            {STATES.map((entry) => (
              <Link
                key={entry.value}
                href={entry.value === "active" ? "/alerts" : `/alerts?state=${entry.value}`}
                aria-current={entry.value === state ? "page" : undefined}
                className={`rounded px-2.5 py-1 ${entry.value === state ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {entry.label}
              </Link>
            ))}
          </nav>
        }
      />
      <AlertsTable rows={rows} state={state} canAct={mayCall(actor, "alerts.acknowledge")} />
    </section>
  );
}
