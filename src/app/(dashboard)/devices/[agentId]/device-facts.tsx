/** The facts an agent reported about its machine, as a compact two-column definition list. */
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/relative-time";
import { platformLabel } from "@/lib/platform";
import type { Client } from "@/server/services/clients";

function formatBytes(bytes: number | undefined): string | null {
  if (!bytes) return null;
  const units = ["B", "KB", "MB", "GB", "TB"];
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), units.length - 1);
  return `${(bytes / 1024 ** exponent).toFixed(exponent >= 3 ? 1 : 0)} ${units[exponent]}`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-b border-slate-100 px-4 py-2 last:border-b-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 className="border-b border-slate-200 px-4 py-2.5 text-[13px] font-semibold text-slate-900">{title}</h2>
      <dl className="text-[13px]">{children}</dl>
    </section>
  );
}

export function DeviceFacts({ client }: { client: Client }) {
  const specs = client.specs ?? {};
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Agent">
        <Fact label="Agent ID">
          <span className="font-mono text-xs">{client.agentId}</span>
        </Fact>
        <Fact label="Group">{client.group}</Fact>
        <Fact label="Agent version">{client.agentVersion}</Fact>
        <Fact label="Remote address">{client.remoteAddress}</Fact>
        <Fact label="Enrolled">
          <RelativeTime iso={client.createdAt} />
        </Fact>
        <Fact label="Capabilities">{client.features.length > 0 ? client.features.join(", ") : null}</Fact>
      </Card>
      <Card title="System">
        <Fact label="Operating system">{client.os}</Fact>
        <Fact label="Platform">{platformLabel(client.platform)}</Fact>
        <Fact label="Logged-in user">{client.loggedInUser}</Fact>
        <Fact label="CPU">{specs.cpu?.model ? `${specs.cpu.model}${specs.cpu.cores ? ` · ${specs.cpu.cores} cores` : ""}` : null}</Fact>
        <Fact label="Memory">{formatBytes(specs.memoryBytes)}</Fact>
        <Fact label="Disks">
          {specs.disks?.length
            ? specs.disks.map((disk) => (
                <div key={disk.mount}>
                  <span className="font-mono text-xs">{disk.mount}</span> {formatBytes(disk.freeBytes)} free of {formatBytes(disk.totalBytes)}
                  {disk.fsType ? <span className="text-slate-400"> · {disk.fsType}</span> : null}
                </div>
              ))
            : null}
        </Fact>
      </Card>
    </div>
  );
}
