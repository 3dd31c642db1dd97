"use client";
/**
 * A device's services, asked of the agent when the tab opens and on "Refresh" (a service list is
 * never stored: it would be stale after the first action). Operators start a service at once and
 * confirm stop and restart, which interrupt whoever uses it. The outcome of each action stays
 * visible above the table until the next one.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/alert";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { describeCommandError } from "@/lib/command-error";
import { formatTimestamp } from "@/lib/format-time";
import { trpc } from "@/lib/trpc-client";
import type { ServiceAction, ServiceInfo } from "@/protocol/services";
import { RefreshButton } from "./refresh-button";
import { ServiceTable } from "./service-table";

type Outcome = { tone: "success" | "error"; text: string };
type Pending = { service: ServiceInfo; action: ServiceAction };

type ServicePanelProps = { agentId: string; deviceName: string; online: boolean; canManage: boolean };

const PAST: Record<ServiceAction, string> = { start: "Started", stop: "Stopped", restart: "Restarted" };

export function ServicePanel({ agentId, deviceName, online, canManage }: ServicePanelProps) {
  const [list, setList] = useState<{ services: ServiceInfo[]; retrievedAt: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [acting, setActing] = useState(false);
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setOutcome(null);
    try {
      setList(await trpc.services.list.query({ agentId }));
    } catch (error) {
      const offline = `${deviceName} is offline, so it cannot send its services. Refresh again once the agent has reconnected.`;
      setOutcome({ tone: "error", text: describeCommandError(error, { offline, notFound: "This device no longer exists." }).message });
    } finally {
      setLoading(false);
    }
  }, [agentId, deviceName]);

  useEffect(() => {
    if (online) void load();
  }, [online, load]);

  const setStatus = (name: string, status: string) =>
    setList((current) => current && { ...current, services: current.services.map((service) => (service.name === name ? { ...service, status } : service)) });

  async function act({ service, action }: Pending) {
    setActing(true);
    setOutcome(null);
    try {
      const result = await trpc.services.manage.mutate({ agentId, serviceName: service.name, action });
      setStatus(service.name, result.status);
      setOutcome({ tone: "success", text: `${PAST[action]} ${service.name} on ${deviceName}; it is now ${result.status}.` });
    } catch (error) {
      const failure = describeCommandError(error, {
        offline: `${deviceName} is offline; ${service.name} was not changed.`,
        notFound: `${service.name} no longer exists on ${deviceName}. Refresh to see its current services.`,
      });
      setOutcome({ tone: "error", text: failure.message });
    } finally {
      setActing(false);
      setConfirming(null);
    }
  }

  function onAction(service: ServiceInfo, action: ServiceAction) {
    setOutcome(null);
    // Starting interrupts nobody; stopping and restarting do.
    if (action === "start") void act({ service, action });
    else setConfirming({ service, action });
  }

  const disabledReason = !online ? `${deviceName} is offline` : acting ? "Another action is running" : null;

  return (
    <section aria-labelledby="services-title" className="mt-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="services-title" className="text-sm font-semibold text-slate-900">
            Services
          </h2>
          <p className="text-xs text-slate-500">{list ? <>retrieved {formatTimestamp(list.retrievedAt)}</> : loading ? "Asking the agent…" : "Not retrieved yet"}</p>
        </div>
        <div className="flex items-center gap-3">
          {online ? null : <span className="text-xs text-slate-500">Services can be listed while the device is online.</span>}
          <RefreshButton onClick={() => void load()} disabled={!online} busy={loading} />
        </div>
      </div>
      {outcome ? (
        <div className="mb-3">
          <Alert tone={outcome.tone}>{outcome.text}</Alert>
        </div>
      ) : null}
      {list ? (
        <ServiceTable services={list.services} onAction={canManage ? onAction : null} actionDisabledReason={disabledReason} />
      ) : outcome?.tone === "error" ? null : (
        <EmptyState title={!online ? "The device is offline" : loading ? "Asking the agent for its services…" : "No services listed yet"}>
          <p>{online ? "The agent lists its services with their status and start type." : "Its services can be listed once the agent reconnects."}</p>
        </EmptyState>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? `${confirming.action === "stop" ? "Stop" : "Restart"} ${confirming.service.name} on ${deviceName}?` : ""}
        confirmLabel={confirming?.action === "stop" ? "Stop service" : "Restart service"}
        pendingLabel={confirming?.action === "stop" ? "Stopping…" : "Restarting…"}
        pending={acting}
        onConfirm={() => confirming && void act(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>Whatever depends on this service is interrupted{confirming?.action === "restart" ? " until it is back" : ""}. This is recorded in the audit log.</p>
        {confirming?.service.displayName ? <p className="mt-2 text-xs text-slate-500">{confirming.service.displayName}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
