/** What the agent reported about its machine (hardware, disks, uptime, addresses) and about itself. */
import { AgentUpdateBadge } from "@/components/agent-update-badge";
import { Card, Fact, FactList } from "@/components/fact-card";
import { RelativeTime } from "@/components/relative-time";
import { UsageBar } from "@/components/usage-bar";
import { formatBytes, usedPercent } from "@/lib/format-bytes";
import { formatUptime, uptimeSeconds } from "@/lib/device-facts";
import { RenameForm } from "./rename-form";
import type { AgentRecord } from "@/server/contracts/agents";
import { UpdateRingSelect } from "./update-ring-select";

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

export function SystemCard({ agent }: { agent: AgentRecord }) {
  const specs = agent.specs ?? {};
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

function UpdateFact({ update }: { update: AgentRecord["agentUpdate"] }) {
  if (update.state === "current") return <span className="text-slate-600">Up to date</span>;
  return (
    <div className="space-y-1">
      <AgentUpdateBadge update={update} />
      {update.state === "scheduled" && update.dueAt ? (
        <p className="text-xs text-slate-500">
          Due <RelativeTime iso={update.dueAt} />
        </p>
      ) : null}
      {update.message ? <p className="text-xs text-slate-500">{update.message}</p> : null}
    </div>
  );
}

export function AgentCard({ agent, canSetRing }: { agent: AgentRecord; canSetRing: boolean }) {
  return (
    <Card title="Agent">
      <FactList>
        <Fact label="Agent ID">
          <span className="font-mono text-xs">{agent.agentId}</span>
        </Fact>
        <Fact label="Version">{agent.agentVersion}</Fact>
        <Fact label="Self-update">
          <UpdateFact update={agent.agentUpdate} />
        </Fact>
        <Fact label="Update ring">{canSetRing ? <UpdateRingSelect agentId={agent.agentId} ring={agent.updateRing} /> : agent.updateRing === "pilot" ? "Pilot" : "General"}</Fact>
        <Fact label="Enrolled">
          <RelativeTime iso={agent.createdAt} />
        </Fact>
        <Fact label="Capabilities">{agent.features.length > 0 ? agent.features.join(", ") : null}</Fact>
      </FactList>
    </Card>
  );
}

function AddressList({ addresses }: { addresses: string[] }) {
  if (addresses.length === 0) return null;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {addresses.map((address) => (
        <li key={address}>{address}</li>
      ))}
    </ul>
  );
}

/** What the device is called, since when it has been up, and where it is reached. */
export function NetworkCard({ agent, canRename }: { agent: AgentRecord; canRename: boolean }) {
  // Rendered on the server per request (and again on every live refresh): the server's clock is fine here.
  const uptime = uptimeSeconds(agent, Date.now());
  return (
    <Card title="Identity and network">
      <FactList>
        <Fact label="Display name">{canRename ? <RenameForm agentId={agent.agentId} displayName={agent.displayName} hostname={agent.name} /> : agent.displayName}</Fact>
        <Fact label="Hostname">
          <span className="font-mono text-xs">{agent.name}</span>
        </Fact>
        <Fact label="Uptime">{uptime === null ? null : formatUptime(uptime)}</Fact>
        <Fact label="Last boot">{agent.bootTime ? <RelativeTime iso={agent.bootTime} /> : null}</Fact>
        <Fact label="Local addresses">
          <AddressList addresses={agent.localAddresses} />
        </Fact>
        <Fact label="Public address">{agent.remoteAddress ? <span className="font-mono text-xs">{agent.remoteAddress}</span> : null}</Fact>
      </FactList>
    </Card>
  );
}
