"use client";
/** Moves devices (one or several) to a site, and so to its client (operators and admins). */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { SiteSelect } from "@/components/site-select";
import type { TenantOption } from "@/components/tenant-options";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { moveAgentsInput } from "@/server/contracts/agents";

export type MovableDevice = { agentId: string; name: string; client: string; site: string };

export function MoveDevicesForm({ devices, clients }: { devices: MovableDevice[]; clients: TenantOption[] }) {
  const { run, pending, error } = useMutation(moveAgentsInput, (input: { agentIds: string[]; siteId: number }) => trpc.agents.moveToSite.mutate(input));
  const [done, setDone] = useState<string | null>(null);
  const devicesControl = controlProps("move-devices", error?.fields.agentIds);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setDone(null);
    const moved = await run({ agentIds: data.getAll("agentIds").map(String), siteId: Number(data.get("siteId") ?? 0) });
    if (moved) setDone(moved.moved === 0 ? "Already there: nothing moved." : `${moved.moved} ${moved.moved === 1 ? "device" : "devices"} moved to ${moved.client.name} / ${moved.site.name}.`);
  }

  if (devices.length === 0) {
    return (
      <FormCard title="Move devices">
        <p className="text-[13px] text-slate-500">No devices yet.</p>
      </FormCard>
    );
  }

  return (
    <FormCard title="Move devices" description="Requires the operator role. Each move is recorded in the audit log.">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Move devices">
        <Field id="move-devices" label="Devices" error={error?.fields.agentIds} hint="Ctrl- or Shift-click to choose several.">
          <select name="agentIds" multiple size={Math.min(8, devices.length)} {...devicesControl} className={`${devicesControl.className} h-auto py-1`}>
            {devices.map((device) => (
              <option key={device.agentId} value={device.agentId}>
                {device.name} ({device.client} / {device.site})
              </option>
            ))}
          </select>
        </Field>
        <Field id="move-site" label="To site" error={error?.fields.siteId}>
          <SiteSelect clients={clients} {...controlProps("move-site", error?.fields.siteId)} />
        </Field>
        <FormErrorSummary error={error} fields={["agentIds", "siteId"]} />
        {done ? <Alert tone="success">{done}</Alert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Moving…" : "Move"}
        </Button>
      </form>
    </FormCard>
  );
}
