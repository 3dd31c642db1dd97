/** The device's current load: CPU, memory and disk bars and network rates, with their age. */
import { Card } from "@/components/fact-card";
import { RelativeTime } from "@/components/relative-time";
import { UsageBar } from "@/components/usage-bar";
import { formatBytes, formatRate } from "@/lib/format-bytes";
import type { LoadReading } from "@/lib/device-load";

function Rate({ direction, bytesPerSecond }: { direction: "in" | "out"; bytesPerSecond: number }) {
  return (
    <div className="flex-1 rounded-md bg-slate-50 px-3 py-2">
      <div className="flex items-center gap-1 text-xs text-slate-500">
        <span aria-hidden className={direction === "in" ? "text-emerald-600" : "text-sky-600"}>
          {direction === "in" ? "↓" : "↑"}
        </span>
        {direction === "in" ? "Received" : "Sent"}
      </div>
      <div className="mt-0.5 text-sm font-medium text-slate-900 tabular-nums">{formatRate(bytesPerSecond)}</div>
    </div>
  );
}

export function LoadCard({ load, memoryBytes, online }: { load: LoadReading | null; memoryBytes?: number; online: boolean }) {
  return (
    <Card
      title="Current load"
      aside={
        load ? (
          <>
            {online ? "as of" : "last reported"} <RelativeTime iso={load.at} />
          </>
        ) : null
      }
    >
      {load ? (
        <div className="space-y-3 px-4 py-3">
          <UsageBar label="CPU" percent={load.cpuPercent} />
          <UsageBar label="Memory" percent={load.memoryPercent} detail={memoryBytes ? `${formatBytes((memoryBytes * load.memoryPercent) / 100)} of ${formatBytes(memoryBytes)} in use` : undefined} />
          <UsageBar label="Disk (all local disks)" percent={load.diskPercent} />
          <div>
            <h3 className="mb-1.5 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Network</h3>
            <div className="flex gap-2">
              <Rate direction="in" bytesPerSecond={load.network.rxBytesPerSec} />
              <Rate direction="out" bytesPerSecond={load.network.txBytesPerSec} />
            </div>
          </div>
        </div>
      ) : (
        <p className="px-4 py-6 text-center text-[13px] text-slate-500">No load figures yet. They arrive with the agent&apos;s first report or process list.</p>
      )}
    </Card>
  );
}
