"use client";
/** SMTP for alert email. The password is never shown; leaving it empty keeps the stored one. */
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { smtpSettingsInput, type IntegrationView } from "@/server/contracts/integrations";

type Input = z.input<typeof smtpSettingsInput>;
const FIELDS = ["host", "port", "username", "password", "from"];

export function SmtpForm({ current }: { current: IntegrationView }) {
  const { run, pending, error } = useMutation(smtpSettingsInput, (input: Input) => trpc.integrations.updateSmtp.mutate(input));
  const [saved, setSaved] = useState(false);
  const settings = current.settings as { host?: string; port?: number; secure?: boolean; username?: string; from?: string; passwordSet?: boolean };
  const fieldError = (name: string) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    const username = String(data.get("username") ?? "");
    const result = await run({
      host: String(data.get("host") ?? ""),
      port: Number(data.get("port")),
      secure: data.get("secure") === "on",
      from: String(data.get("from") ?? ""),
      enabled: data.get("enabled") === "on",
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    });
    setSaved(result !== null);
  }

  return (
    <FormCard title="Email (SMTP)" description={current.configured ? `Last changed by ${current.updatedBy ?? "—"}.` : "Not configured: alert profiles with email addresses cannot send yet."}>
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="SMTP settings">
        <FormErrorSummary error={error} fields={FIELDS} />
        {saved ? (
          <p role="status" className="text-xs text-emerald-700">
            SMTP settings saved.
          </p>
        ) : null}
        <div className="grid grid-cols-[minmax(0,1fr)_6rem] gap-3">
          <Field id="smtp-host" label="Server" error={fieldError("host")}>
            <input name="host" defaultValue={settings.host ?? ""} placeholder="smtp.example.com" {...controlProps("smtp-host", fieldError("host"))} />
          </Field>
          <Field id="smtp-port" label="Port" error={fieldError("port")}>
            <input name="port" inputMode="numeric" defaultValue={settings.port ?? 587} {...controlProps("smtp-port", fieldError("port"))} />
          </Field>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <Field id="smtp-username" label="Username" error={fieldError("username")}>
            <input name="username" autoComplete="off" defaultValue={settings.username ?? ""} {...controlProps("smtp-username", fieldError("username"))} />
          </Field>
          <Field id="smtp-password" label="Password" error={fieldError("password")} hint={settings.passwordSet ? "Stored; leave empty to keep it." : undefined}>
            <input name="password" type="password" autoComplete="new-password" {...controlProps("smtp-password", fieldError("password"))} />
          </Field>
        </div>
        <Field id="smtp-from" label="Sender address" error={fieldError("from")}>
          <input name="from" type="email" defaultValue={settings.from ?? ""} placeholder="rmm@example.com" {...controlProps("smtp-from", fieldError("from"))} />
        </Field>
        <div className="flex flex-wrap items-center justify-between gap-3 text-[13px] text-slate-700">
          <span className="flex gap-4">
            <label className="flex items-center gap-1.5">
              <input type="checkbox" name="secure" defaultChecked={settings.secure ?? false} /> TLS from the start (port 465)
            </label>
            <label className="flex items-center gap-1.5">
              <input type="checkbox" name="enabled" defaultChecked={current.configured ? current.enabled : true} /> Enabled
            </label>
          </span>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save SMTP"}
          </Button>
        </div>
      </form>
    </FormCard>
  );
}
