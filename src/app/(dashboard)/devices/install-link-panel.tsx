"use client";
/**
 * "Install with one command": creates a deployment link for a site and platform (an expiring
 * installer that enrolls into that site) and shows the command to paste on the machine.
 */
import { useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { controlProps } from "@/components/field";
import { SiteSelect } from "@/components/site-select";
import type { TenantOption } from "@/components/tenant-options";
import { formatTimestamp } from "@/lib/format-time";
import { linuxInstallCommand, windowsInstallCommand } from "@/lib/install-commands";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { createDeploymentInput, type DeploymentSummary } from "@/server/contracts/deployments";

const LIFETIMES = [
  { days: 1, label: "1 day" },
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
] as const;

type Platform = "linux" | "windows";

function defaultSite(clients: TenantOption[]): { clientId: number; siteId: number } | null {
  for (const client of clients) for (const site of client.sites) if (site.isDefault) return { clientId: client.id, siteId: site.id };
  const first = clients[0]?.sites[0];
  return first ? { clientId: clients[0]!.id, siteId: first.id } : null;
}

export function InstallLinkPanel({ clients }: { clients: TenantOption[] }) {
  const fallback = defaultSite(clients);
  const [siteId, setSiteId] = useState<number | "">(fallback?.siteId ?? "");
  const [platform, setPlatform] = useState<Platform>("linux");
  const [days, setDays] = useState<number>(7);
  const [link, setLink] = useState<DeploymentSummary | null>(null);
  const { run, pending, error } = useMutation(createDeploymentInput, (input: Parameters<typeof trpc.deployments.create.mutate>[0]) => trpc.deployments.create.mutate(input));

  async function create() {
    const clientId = clients.find((client) => client.sites.some((site) => site.id === siteId))?.id;
    if (clientId === undefined || siteId === "") return;
    const created = await run({ clientId, siteId, platform, arch: "amd64", expiresAt: new Date(Date.now() + days * 86_400_000).toISOString(), installFlags: "" });
    if (created) setLink(created);
  }

  const command = link ? (link.platform === "linux" ? linuxInstallCommand(link.installScriptUrl) : windowsInstallCommand(link.downloadUrl)) : null;
  return (
    <div className="space-y-2">
      <div className="grid gap-2 sm:grid-cols-[1fr_auto_auto_auto]">
        <label className="sr-only" htmlFor="install-link-site">
          Site
        </label>
        <SiteSelect clients={clients} value={siteId} onChange={setSiteId} {...controlProps("install-link-site")} />
        <label className="sr-only" htmlFor="install-link-platform">
          System
        </label>
        <select {...controlProps("install-link-platform")} value={platform} onChange={(event) => setPlatform(event.target.value as Platform)}>
          <option value="linux">Linux</option>
          <option value="windows">Windows</option>
        </select>
        <label className="sr-only" htmlFor="install-link-days">
          Link valid for
        </label>
        <select {...controlProps("install-link-days")} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {LIFETIMES.map((lifetime) => (
            <option key={lifetime.days} value={lifetime.days}>
              {lifetime.label}
            </option>
          ))}
        </select>
        <Button variant="secondary" onClick={() => void create()} disabled={pending || siteId === ""}>
          {pending ? "Creating…" : "Create install link"}
        </Button>
      </div>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {link && command ? (
        <div className="space-y-1.5" data-testid="install-command">
          <p className="text-xs text-slate-600">
            {link.platform === "linux" ? "On the Linux machine, as a user who may sudo:" : "In PowerShell as administrator on the Windows machine:"} installs the agent as a service in{" "}
            <strong className="font-medium text-slate-800">
              {link.client.name} / {link.site.name}
            </strong>
            . The link works until {formatTimestamp(link.expiresAt, undefined, { seconds: false })}; revoke it under Enrollment.
          </p>
          <pre className="overflow-x-auto rounded-md bg-slate-900 px-2.5 py-1.5 font-mono text-[12px] leading-5 whitespace-pre-wrap break-all text-slate-100">{command}</pre>
          <CopyButton text={command} label="Copy command" />
        </div>
      ) : null}
    </div>
  );
}
