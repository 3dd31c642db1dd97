"use client";
/**
 * A device's processes: the stored snapshot first, "Refresh" to ask the agent for a new one, and
 * (operators) ending a process after confirmation. The outcome of each action stays visible
 * above the table until the next one.
 */
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { Alert } from "@/components/alert";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { describeCommandError } from "@/lib/command-error";
import { formatTimestamp, formatAge } from "@/lib/format-time";
import { trpc } from "@/lib/trpc-client";
import { useSecondClock } from "@/lib/use-clock";
import type { ListProcessesResult, ProcessInfo } from "@/protocol/processes";
import { ProcessTable } from "./process-table";
import { RefreshButton } from "./refresh-button";

type Outcome = { tone: "success" | "error"; text: string };

type ProcessPanelProps = {
  agentId: string;
  deviceName: string;
  online: boolean;
  canEnd: boolean;
  initialSnapshot: ListProcessesResult | null;
};

/** Whichever snapshot is newer: the server's (after a page refresh) or the one held here. */
function newer(server: ListProcessesResult | null, local: ListProcessesResult | null) {
  if (!server || !local) return local ?? server;
  return Date.parse(local.collectedAt) >= Date.parse(server.collectedAt) ? local : server;
}

function SnapshotAge({ collectedAt }: { collectedAt: string }) {
  const now = useSecondClock();
  return (
    <time dateTime={collectedAt} title={formatTimestamp(collectedAt)} suppressHydrationWarning>
      collected {now ? formatAge(collectedAt, now) : formatTimestamp(collectedAt, "UTC")}
    </time>
  );
}

export function ProcessPanel({ agentId, deviceName, online, canEnd, initialSnapshot }: ProcessPanelProps) {
  const router = useRouter();
  const [local, setLocal] = useState<ListProcessesResult | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [ending, setEnding] = useState(false);
  const [confirming, setConfirming] = useState<ProcessInfo | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const snapshot = newer(initialSnapshot, local);

  async function refresh() {
    setRefreshing(true);
    setOutcome(null);
    try {
      const result = await trpc.processes.refresh.mutate({ agentId });
      setLocal(result.snapshot);
      // The load panel shows the snapshot's figures too: let the server render them.
      router.refresh();
    } catch (error) {
      const offline = `${deviceName} is offline, so it cannot send a process list. Refresh again once the agent has reconnected.`;
      setOutcome({ tone: "error", text: describeCommandError(error, { offline, notFound: "This device no longer exists." }).message });
    } finally {
      setRefreshing(false);
    }
  }

  const removeProcess = (pid: number) => snapshot && setLocal({ ...snapshot, processes: snapshot.processes.filter((process) => process.pid !== pid) });

  async function end(process: ProcessInfo) {
    const label = `${process.name} (PID ${process.pid})`;
    setEnding(true);
    setOutcome(null);
    try {
      await trpc.processes.kill.mutate({ agentId, processId: process.pid });
      removeProcess(process.pid);
      setOutcome({ tone: "success", text: `Ended ${label} on ${deviceName}.` });
    } catch (error) {
      const failure = describeCommandError(error, {
        offline: `${deviceName} is offline; ${label} was not ended.`,
        notFound: `Process ${label} no longer exists on ${deviceName}; it has been removed from the list.`,
      });
      if (failure.status === 404) removeProcess(process.pid);
      setOutcome({ tone: "error", text: failure.message });
    } finally {
      setEnding(false);
      setConfirming(null);
    }
  }

  const onEnd = useCallback((process: ProcessInfo) => {
    setOutcome(null);
    setConfirming(process);
  }, []);

  return (
    <section aria-labelledby="processes-title" className="mt-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="processes-title" className="text-sm font-semibold text-slate-900">
            Processes
          </h2>
          <p className="text-xs text-slate-500">{snapshot ? <SnapshotAge collectedAt={snapshot.collectedAt} /> : "Not collected yet"}</p>
        </div>
        <div className="flex items-center gap-3">
          {online ? null : <span className="text-xs text-slate-500">Refresh is available while the device is online.</span>}
          <RefreshButton onClick={refresh} disabled={!online} busy={refreshing} />
        </div>
      </div>
      {outcome ? (
        <div className="mb-3">
          <Alert tone={outcome.tone}>{outcome.text}</Alert>
        </div>
      ) : null}
      {snapshot ? (
        <ProcessTable processes={snapshot.processes} onEnd={canEnd ? onEnd : null} endDisabledReason={online ? null : `${deviceName} is offline`} />
      ) : (
        <EmptyState title="No process list yet — Refresh to ask the agent">
          {online ? <p>The agent sends its running processes, with their CPU and memory use, when asked.</p> : <p>The device is offline. Its process list can be fetched once the agent reconnects.</p>}
        </EmptyState>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? `End process ${confirming.name} (PID ${confirming.pid}) on ${deviceName}?` : ""}
        confirmLabel="End process"
        pendingLabel="Ending…"
        pending={ending}
        onConfirm={() => confirming && void end(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>The process is stopped immediately, without a chance to save its work. This is recorded in the audit log.</p>
        {confirming?.command ? <p className="mt-2 truncate font-mono text-xs text-slate-500" title={confirming.command}>{confirming.command}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
