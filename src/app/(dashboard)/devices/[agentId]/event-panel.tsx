"use client";
/**
 * A device's event log: the entries at one level, asked of the agent when the tab opens, when the
 * level changes and on "Refresh", and above them the last 24 h counts per level, which also tell
 * which level is worth opening. Nothing here is stored but the counts, which the server caches.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/alert";
import { EmptyState } from "@/components/empty-state";
import { describeCommandError } from "@/lib/command-error";
import { countsByLevel, EVENT_LEVELS, LEVEL_LABELS } from "@/lib/event-levels";
import { formatTimestamp } from "@/lib/format-time";
import { trpc } from "@/lib/trpc-client";
import type { EventEntry, EventLevel, EventLogCounts } from "@/protocol/health";
import { EventTable } from "./event-table";
import { RefreshButton } from "./refresh-button";

type EventPanelProps = { agentId: string; deviceName: string; online: boolean };

type Counts = { logs: EventLogCounts[]; live: boolean; collectedAt: string | null } | null;

export function EventPanel({ agentId, deviceName, online }: EventPanelProps) {
  const [level, setLevel] = useState<EventLevel>("error");
  const [list, setList] = useState<{ entries: EventEntry[]; retrievedAt: string } | null>(null);
  const [counts, setCounts] = useState<Counts>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(
    async (wanted: EventLevel) => {
      setLoading(true);
      setFailure(null);
      try {
        const [entries, health] = await Promise.all([trpc.systemHealth.entries.query({ agentId, level: wanted }), trpc.systemHealth.agent.query({ agentId })]);
        setList(entries);
        setCounts({ logs: health.stats?.logs ?? [], live: health.live, collectedAt: health.collectedAt });
      } catch (error) {
        setList(null);
        const offline = `${deviceName} is offline, so it cannot send its event log. Refresh again once the agent has reconnected.`;
        setFailure(describeCommandError(error, { offline, notFound: "This device no longer exists." }).message);
      } finally {
        setLoading(false);
      }
    },
    [agentId, deviceName],
  );

  useEffect(() => {
    if (online) void load(level);
  }, [online, level, load]);

  const totals = counts ? countsByLevel(counts.logs) : null;

  return (
    <section aria-labelledby="events-title" className="mt-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="events-title" className="text-sm font-semibold text-slate-900">
            Event log
          </h2>
          <p className="text-xs text-slate-500" data-testid="event-counts">
            {totals ? (
              <>
                Last 24 h: {EVENT_LEVELS.map((name) => `${totals[name]} ${LEVEL_LABELS[name].toLowerCase()}`).join(" · ")}
                {counts?.collectedAt && !counts.live ? <> (as of {formatTimestamp(counts.collectedAt)})</> : null}
              </>
            ) : loading ? (
              "Asking the agent…"
            ) : (
              "Not retrieved yet"
            )}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <div role="group" aria-label="Level" className="inline-flex overflow-hidden rounded-md border border-slate-200 text-xs">
            {EVENT_LEVELS.map((name) => (
              <button
                key={name}
                type="button"
                aria-pressed={level === name}
                onClick={() => setLevel(name)}
                className={`px-2.5 py-1 font-medium ${level === name ? "bg-slate-900 text-white" : "bg-white text-slate-600 hover:bg-slate-50"}`}
              >
                {LEVEL_LABELS[name]}
              </button>
            ))}
          </div>
          <RefreshButton onClick={() => void load(level)} disabled={!online} busy={loading} />
        </div>
      </div>
      {failure ? (
        <div className="mb-3">
          <Alert tone="error">{failure}</Alert>
        </div>
      ) : null}
      {list ? (
        <>
          <p className="mb-2 text-xs text-slate-500">
            {LEVEL_LABELS[level]} entries, newest first, retrieved {formatTimestamp(list.retrievedAt)}
          </p>
          <EventTable entries={list.entries} />
        </>
      ) : (
        <EmptyState title={online ? (loading ? "Asking the agent for its event log…" : "No entries") : "The device is offline"}>
          <p>{online ? "The agent reads the system journal, or the kernel ring buffer where there is none (Linux), or the System and Application logs (Windows)." : "Its event log can be read once the agent reconnects."}</p>
        </EmptyState>
      )}
    </section>
  );
}
