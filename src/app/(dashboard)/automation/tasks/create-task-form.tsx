"use client";
/** Schedules a script on a device (operators): name, device, script, cron schedule with its next runs, and whether a missed run catches up. */
import type { FormEvent } from "react";
import type { z } from "zod";
import { Button } from "@/components/button";
import { CheckboxField, controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import type { ScriptSummary } from "@/server/contracts/scripts";
import { createTaskInput } from "@/server/contracts/tasks";
import { ScheduleField } from "./cron-preview";

const FIELDS = ["name", "agentId", "scriptId", "schedule", "runMissed"];
type Input = z.input<typeof createTaskInput>;

export function CreateTaskForm({ scripts, devices }: { scripts: Pick<ScriptSummary, "id" | "name" | "approval">[]; devices: { id: string; name: string }[] }) {
  const { run, pending, error } = useMutation(createTaskInput, (input: Input) => trpc.tasks.create.mutate(input));
  const fieldError = (name: keyof Input) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const created = await run({
      name: String(data.get("name") ?? ""),
      agentId: String(data.get("agentId") ?? ""),
      scriptId: Number(data.get("scriptId")),
      schedule: String(data.get("schedule") ?? ""),
      runMissed: data.get("runMissed") === "on",
    });
    if (created) form.reset();
  }

  return (
    <FormCard title="New scheduled task" description="A script awaiting four-eyes approval does not run: its runs fail with the reason until an admin approves it.">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="New scheduled task">
        <Field id="task-name" label="Name" error={fieldError("name")}>
          <input name="name" autoComplete="off" {...controlProps("task-name", fieldError("name"))} />
        </Field>
        <Field id="task-device" label="Device" error={fieldError("agentId")}>
          <select name="agentId" {...controlProps("task-device", fieldError("agentId"))}>
            {devices.map((device) => (
              <option key={device.id} value={device.id}>
                {device.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="task-script" label="Script" error={fieldError("scriptId")}>
          <select name="scriptId" {...controlProps("task-script", fieldError("scriptId"))}>
            {scripts.map((script) => (
              <option key={script.id} value={script.id}>
                {script.name}
                {script.approval === "pending" ? " (awaiting approval)" : ""}
              </option>
            ))}
          </select>
        </Field>
        <ScheduleField id="task-schedule" error={fieldError("schedule")} />
        <CheckboxField id="task-run-missed" name="runMissed" label="Run missed occurrences" hint="When the device was offline at the scheduled time, run once when it comes back." />
        <FormErrorSummary error={error} fields={FIELDS} />
        <Button type="submit" disabled={pending || devices.length === 0 || scripts.length === 0}>
          {pending ? "Scheduling…" : "Schedule task"}
        </Button>
      </form>
    </FormCard>
  );
}
