"use client";
/**
 * Moves a device into a group (operators and admins). Taking a device out of a group someone
 * chose deliberately asks for confirmation; moving it out of the default group does not.
 */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { assignGroupInput, DEFAULT_GROUP, type AssignGroupInput } from "@/server/contracts/groups";

export type AssignableDevice = { agentId: string; name: string; group: string };

type Pending = { device: AssignableDevice; group: string };

export function AssignGroupForm({ devices, groups }: { devices: AssignableDevice[]; groups: string[] }) {
  const { run, pending, error, clearError } = useMutation(assignGroupInput, (input: AssignGroupInput) => trpc.groups.assign.mutate(input));
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function assign({ device, group }: Pending) {
    const result = await run({ agentId: device.agentId, group });
    setConfirming(null);
    if (result) setDone(`${device.name} moved to ${result.group}.`);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const agentId = String(form.get("agentId") ?? "");
    const group = String(form.get("group") ?? "");
    const device = devices.find((candidate) => candidate.agentId === agentId);
    setDone(null);
    clearError();
    if (!device) {
      // Nothing chosen: the schema's own message says so next to the field.
      void run({ agentId, group });
    } else if (device.group === group) {
      setDone(`${device.name} is already in ${group}.`);
    } else if (device.group !== DEFAULT_GROUP) {
      setConfirming({ device, group });
    } else {
      void assign({ device, group });
    }
  }

  if (devices.length === 0) {
    return (
      <FormCard title="Assign device to group">
        <p className="text-[13px] text-slate-500">No devices yet. Devices can be assigned once an agent has connected.</p>
      </FormCard>
    );
  }

  return (
    <FormCard title="Assign device to group" description="Requires the operator role. The change is recorded in the audit log.">
      <form onSubmit={submit} noValidate className="space-y-3">
        <Field id="assign-device" label="Device" error={error?.fields.agentId}>
          <select name="agentId" defaultValue="" {...controlProps("assign-device", error?.fields.agentId)}>
            <option value="" disabled>
              Select a device…
            </option>
            {devices.map((device) => (
              <option key={device.agentId} value={device.agentId}>
                {device.name} ({device.group})
              </option>
            ))}
          </select>
        </Field>
        <Field id="assign-group" label="Group" error={error?.fields.group}>
          <select name="group" defaultValue={DEFAULT_GROUP} {...controlProps("assign-group", error?.fields.group)}>
            {groups.map((group) => (
              <option key={group} value={group}>
                {group}
              </option>
            ))}
          </select>
        </Field>
        <FormErrorSummary error={error} fields={["agentId", "group"]} />
        {done ? <Alert tone="success">{done}</Alert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Assigning…" : "Assign"}
        </Button>
      </form>
      <ConfirmDialog
        open={confirming !== null}
        title="Move device to another group?"
        confirmLabel="Move device"
        tone="primary"
        pending={pending}
        onConfirm={() => confirming && void assign(confirming)}
        onCancel={() => setConfirming(null)}
      >
        {confirming ? (
          <p>
            <strong className="font-semibold text-slate-900">{confirming.device.name}</strong> leaves <strong className="font-semibold text-slate-900">{confirming.device.group}</strong> and joins{" "}
            <strong className="font-semibold text-slate-900">{confirming.group}</strong>.
          </p>
        ) : null}
      </ConfirmDialog>
    </FormCard>
  );
}
