/** What the agent reported about its machine (hardware, disks) and about itself. */
import { Card, Fact, FactList } from "@/components/fact-card";
import { RelativeTime } from "@/components/relative-time";
import { UsageBar } from "@/components/usage-bar";
import { formatBytes, usedPercent } from "@/lib/format-bytes";
import type { AgentRecord } from "@/server/contracts/agents";

type Disk = NonNullable<NonNullable<AgentRecord["specs"]>["disks"]>[number];

function DiskUsage({ disk }: { disk: Disk }) {
  return (
    <UsageBar
      label={
        <>
          <span className="font-mono text-xs">{disk.mount}</span>
          {disk.fsType ? <span className="text-slate-400"> · {disk.fsType}</span> : null}
        </>
      }
      percent={usedPercent(disk)}
      detail={`${formatBytes(disk.freeBytes)} free of ${formatBytes(disk.totalBytes)}`}
    />
  );
}

export function SystemCard({ client }: { client: AgentRecord }) {
  const specs = client.specs ?? {};
  const disks = specs.disks ?? [];
  return (
    <Card title="System">
      <FactList>
        <Fact label="CPU">{specs.cpu?.model ?? null}</Fact>
        <Fact label="Cores">{specs.cpu?.cores ?? null}</Fact>
        <Fact label="Memory">{specs.memoryBytes ? formatBytes(specs.memoryBytes) : null}</Fact>
      </FactList>
      <div className="border-t border-slate-100 px-4 py-3">
        <h3 className="mb-2 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Disks</h3>
        {disks.length > 0 ? (
          <div className="space-y-3">
            {disks.map((disk) => (
              <DiskUsage key={disk.mount} disk={disk} />
            ))}
          </div>
        ) : (
          <p className="text-[13px] text-slate-400">Not reported</p>
        )}
      </div>
    </Card>
  );
}

export function AgentCard({ client }: { client: AgentRecord }) {
  return (
    <Card title="Agent">
      <FactList>
        <Fact label="Agent ID">
          <span className="font-mono text-xs">{client.agentId}</span>
        </Fact>
        <Fact label="Version">{client.agentVersion}</Fact>
        <Fact label="Remote address">{client.remoteAddress ? <span className="font-mono text-xs">{client.remoteAddress}</span> : null}</Fact>
        <Fact label="Enrolled">
          <RelativeTime iso={client.createdAt} />
        </Fact>
        <Fact label="Capabilities">{client.features.length > 0 ? client.features.join(", ") : null}</Fact>
      </FactList>
    </Card>
  );
}
