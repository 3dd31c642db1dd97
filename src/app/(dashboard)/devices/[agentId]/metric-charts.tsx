"use client";
/**
 * The device's metric history on its overview: CPU, memory, disk and network over a chosen range
 * (the last hour to 30 days), with the thresholds of the monitoring rules that watch the device.
 * Short ranges refresh themselves every minute; the choice of range is the viewer's, not the URL's.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/alert";
import { Card } from "@/components/fact-card";
import { chartModels } from "@/lib/metric-charts";
import { trpc } from "@/lib/trpc-client";
import { METRIC_RANGES, type MetricHistory, type MetricRange } from "@/server/contracts/metrics";
import { MetricChart } from "./metric-chart";

const RANGE_LABELS: Record<MetricRange, string> = { "1h": "1 hour", "6h": "6 hours", "24h": "24 hours", "7d": "7 days", "30d": "30 days" };
const REFRESHING: ReadonlySet<MetricRange> = new Set(["1h", "6h", "24h"]);
const REFRESH_MS = 60_000;

function RangePicker({ value, onChange }: { value: MetricRange; onChange: (range: MetricRange) => void }) {
  return (
    <div role="group" aria-label="Range" className="inline-flex overflow-hidden rounded-md border border-slate-200 text-xs">
      {METRIC_RANGES.map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={value === range}
          title={`Last ${RANGE_LABELS[range]}`}
          onClick={() => onChange(range)}
          className={`px-2.5 py-1 font-medium ${value === range ? "bg-slate-900 text-white" : "bg-white text-slate-600 hover:bg-slate-50"}`}
        >
          {range}
        </button>
      ))}
    </div>
  );
}

export function MetricCharts({ agentId }: { agentId: string }) {
  const [range, setRange] = useState<MetricRange>("1h");
  const [history, setHistory] = useState<MetricHistory | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setHistory(await trpc.metrics.history.query({ agentId, range }));
      setFailure(null);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : "The metric history could not be loaded.");
    }
  }, [agentId, range]);

  useEffect(() => {
    void load();
    if (!REFRESHING.has(range)) return;
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, range]);

  const models = useMemo(() => (history ? chartModels(history) : []), [history]);
  // While another range loads, the charts of the previous one stay (no flash of "Loading").
  const shown = history;
  const bounds = shown ? { from: Date.parse(shown.from) / 1000, to: Date.parse(shown.to) / 1000 } : null;

  return (
    <Card title="History" aside={<RangePicker value={range} onChange={setRange} />}>
      <div className="px-4 py-3">
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {!shown || !bounds ? (
          failure ? null : <p className="py-6 text-center text-[13px] text-slate-500">Loading the history…</p>
        ) : shown.series.at.length === 0 ? (
          <p className="py-6 text-center text-[13px] text-slate-500">
            No metrics in the last {RANGE_LABELS[shown.range]}. The agent reports its load every few seconds while it is connected; charts beyond a day fill in five-minute steps.
          </p>
        ) : (
          <div className="grid gap-5 md:grid-cols-2">
            {models.map((model) => (
              <MetricChart key={model.key} model={model} from={bounds.from} to={bounds.to} />
            ))}
          </div>
        )}
      </div>
    </Card>
  );
}
