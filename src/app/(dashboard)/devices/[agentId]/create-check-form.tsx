"use client";
/** Adds a check to the device: its type decides which settings are asked (threshold, drive, host, service, script, event-log filter). */
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { CHECK_TYPES, createCheckInput, type CheckType } from "@/server/contracts/checks";
import { CHECK_TYPE_LABELS } from "./check-table";

type Input = z.input<typeof createCheckInput>;
type Config = Input["config"];

const text = (data: FormData, name: string) => String(data.get(name) ?? "").trim();
const number = (data: FormData, name: string) => (text(data, name) === "" ? Number.NaN : Number(text(data, name)));
const optional = (value: string) => (value === "" ? undefined : value);

/** The form's values as the type's settings; the schema reports what is missing or wrong. */
function configOf(checkType: CheckType, data: FormData): Config {
  switch (checkType) {
    case "diskspace":
      return { checkType, threshold: number(data, "threshold"), drive: optional(text(data, "drive")) };
    case "cpuload":
    case "memory":
      return { checkType, threshold: number(data, "threshold") };
    case "ping":
      return { checkType, host: text(data, "host") };
    case "winsvc":
      return { checkType, service: text(data, "service"), expected: optional(text(data, "expected")) };
    case "script":
      return { checkType, script: text(data, "script") };
    case "eventlog":
      return { checkType, log: optional(text(data, "log")), level: text(data, "level") as never, hours: number(data, "hours"), maxCount: number(data, "maxCount") };
  }
}

const THRESHOLD_HINTS: Partial<Record<CheckType, string>> = {
  diskspace: "Fails when the free space is below this percentage.",
  cpuload: "Fails when the CPU load is above this percentage.",
  memory: "Fails when the memory in use is above this percentage.",
};

export function CreateCheckForm({ agentId, alertProfiles }: { agentId: string; alertProfiles: { id: string; name: string }[] }) {
  const { run, pending, error } = useMutation(createCheckInput, (input: Input) => trpc.checks.create.mutate(input));
  const [checkType, setCheckType] = useState<CheckType>("diskspace");
  const [created, setCreated] = useState<string | null>(null);
  const fieldError = (name: string) => error?.fields[`config.${name}`];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const check = await run({
      agentId,
      name: text(data, "name"),
      severity: text(data, "severity") as never,
      alertProfileId: optional(text(data, "alertProfileId")) ?? null,
      config: configOf(checkType, data),
    });
    if (!check) return;
    setCreated(check.name);
    form.reset();
  }

  const input = (name: string, label: string, options: { hint?: string; placeholder?: string; inputMode?: "numeric" | "decimal"; defaultValue?: string } = {}) => (
    <Field id={`check-${name}`} label={label} hint={options.hint} error={fieldError(name)}>
      <input name={name} autoComplete="off" inputMode={options.inputMode} placeholder={options.placeholder} defaultValue={options.defaultValue} {...controlProps(`check-${name}`, fieldError(name))} />
    </Field>
  );

  return (
    <FormCard title="Add a check" description="Checks run every minute. A failing check raises an alert; its alert profile says who is told and which remediation script runs.">
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label="New check">
        <div className="sm:col-span-2">
          <FormErrorSummary error={error} fields={["name", "severity", "alertProfileId", ...["threshold", "drive", "host", "service", "expected", "script", "log", "level", "hours", "maxCount"].map((name) => `config.${name}`)]} />
          {created ? (
            <p role="status" className="text-xs text-emerald-700">
              Check {created} added; its first result comes within a minute.
            </p>
          ) : null}
        </div>
        <Field id="check-name" label="Name" error={error?.fields.name}>
          <input name="name" autoComplete="off" placeholder="e.g. System drive" {...controlProps("check-name", error?.fields.name)} />
        </Field>
        <Field id="check-type" label="Type">
          <select name="checkType" value={checkType} onChange={(event) => setCheckType(event.target.value as CheckType)} {...controlProps("check-type")}>
            {CHECK_TYPES.map((type) => (
              <option key={type} value={type}>
                {CHECK_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        {checkType === "diskspace" ? input("drive", "Drive", { hint: "A drive or mount point, e.g. C: or /; empty for all local disks.", placeholder: "C:" }) : null}
        {THRESHOLD_HINTS[checkType] ? input("threshold", "Threshold (%)", { hint: THRESHOLD_HINTS[checkType], inputMode: "decimal", defaultValue: "10" }) : null}
        {checkType === "ping" ? input("host", "Host", { hint: "Pinged from the device.", placeholder: "8.8.8.8" }) : null}
        {checkType === "winsvc" ? (
          <>
            {input("service", "Service", { placeholder: "Spooler" })}
            {input("expected", "Expected state", { placeholder: "running" })}
          </>
        ) : null}
        {checkType === "script" ? input("script", "Script", { hint: "A library script's name; exit code 0 passes." }) : null}
        {checkType === "eventlog" ? (
          <>
            {input("log", "Log", { hint: "Empty for all logs.", placeholder: "System" })}
            <Field id="check-level" label="Level" error={fieldError("level")}>
              <select name="level" defaultValue="error" {...controlProps("check-level", fieldError("level"))}>
                <option value="critical">critical</option>
                <option value="error">error</option>
                <option value="warning">warning</option>
                <option value="information">information</option>
              </select>
            </Field>
            {input("hours", "In the last (hours)", { inputMode: "numeric", defaultValue: "1" })}
            {input("maxCount", "At most (entries)", { hint: "More entries than this fail the check.", inputMode: "numeric", defaultValue: "0" })}
          </>
        ) : null}
        <Field id="check-severity" label="Alert severity">
          <select name="severity" defaultValue="warning" {...controlProps("check-severity")}>
            <option value="info">info</option>
            <option value="warning">warning</option>
            <option value="critical">critical</option>
          </select>
        </Field>
        <Field id="check-alert-profile" label="Alert profile" error={error?.fields.alertProfileId}>
          <select name="alertProfileId" defaultValue="" {...controlProps("check-alert-profile", error?.fields.alertProfileId)}>
            <option value="">None (dashboard only)</option>
            {alertProfiles.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add check"}
          </Button>
        </div>
      </form>
    </FormCard>
  );
}
