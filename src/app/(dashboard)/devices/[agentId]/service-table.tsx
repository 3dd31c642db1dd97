"use client";
/** The columns of a device's service list: status as a badge, filters by status and start type, actions for operators. */
import { useMemo } from "react";
import { Badge, type BadgeTone } from "@/components/badge";
import { Button } from "@/components/button";
import { DataTable } from "@/components/data-table";
import type { Column } from "@/lib/table-rows";
import type { ServiceAction, ServiceInfo } from "@/protocol/services";

const STATUS_TONES: Record<string, BadgeTone> = { running: "success", failed: "danger", starting: "info", stopping: "warning", paused: "warning" };

export function ServiceStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? "neutral"} dot>
      {status}
    </Badge>
  );
}

const BASE_COLUMNS: Column<ServiceInfo>[] = [
  { id: "name", header: "Name", accessor: (service) => service.name, className: "max-w-64 truncate font-mono text-xs text-slate-900" },
  { id: "displayName", header: "Display name", accessor: (service) => service.displayName, className: "max-w-[26rem] truncate text-slate-600" },
  { id: "status", header: "Status", accessor: (service) => service.status, render: (service) => <ServiceStatusBadge status={service.status} />, className: "w-28" },
  { id: "startType", header: "Start type", accessor: (service) => service.startType, className: "w-28 text-slate-600" },
];

const FACETS = ["status", "startType"];

/** Start only what is not running, stop only what is; restart whatever is not stopped. */
function offered(service: ServiceInfo): ServiceAction[] {
  if (service.status === "running") return ["stop", "restart"];
  if (service.status === "stopped" || service.status === "failed" || service.status === "exited") return ["start"];
  return ["stop", "restart"];
}

const LABELS: Record<ServiceAction, string> = { start: "Start", stop: "Stop", restart: "Restart" };

type ServiceTableProps = {
  services: ServiceInfo[];
  /** Null for viewers: no action column at all. */
  onAction: ((service: ServiceInfo, action: ServiceAction) => void) | null;
  /** Why acting is not possible right now (offline, another action running), or null. */
  actionDisabledReason: string | null;
};

export function ServiceTable({ services, onAction, actionDisabledReason }: ServiceTableProps) {
  const columns = useMemo(() => {
    if (!onAction) return BASE_COLUMNS;
    const actions: Column<ServiceInfo> = {
      id: "actions",
      header: "",
      accessor: () => null,
      sortable: false,
      searchable: false,
      className: "w-40 py-0 text-right",
      render: (service) => (
        <span className="inline-flex gap-1">
          {offered(service).map((action) => (
            <Button
              key={action}
              variant={action === "start" ? "ghost" : "ghost-danger"}
              size="xs"
              title={actionDisabledReason ?? `${LABELS[action]} ${service.name}`}
              disabled={actionDisabledReason !== null}
              onClick={() => onAction(service, action)}
            >
              {LABELS[action]}
            </Button>
          ))}
        </span>
      ),
    };
    return [...BASE_COLUMNS, actions];
  }, [onAction, actionDisabledReason]);

  return (
    <DataTable
      rows={services}
      columns={columns}
      rowKey={(service) => service.name}
      noun="services"
      facets={FACETS}
      initialSort={{ columnId: "name", direction: "asc" }}
      rowAttributes={(service) => ({ "data-testid": "service-row", "data-service": service.name })}
    />
  );
}
