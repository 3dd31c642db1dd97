"use client";
/**
 * Alert profiles: the list (who hears of an alert, and the remediation script) and a form for a
 * new one. A webhook's signing key is shown once, right after creation, for the receiver to check
 * the X-RMM-Signature header with.
 */
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { createAlertProfileInput, type alertProfile } from "@/server/contracts/monitoring";

type Profile = z.infer<typeof alertProfile>;
type Input = z.input<typeof createAlertProfileInput>;
const FIELDS = ["name", "emails", "webhookUrl", "remediationScript"];

function channels(profile: Profile): string {
  const parts = [...profile.emails, ...(profile.pushover ? ["Pushover"] : []), ...(profile.webhookUrl ? [`webhook ${new URL(profile.webhookUrl).host}`] : [])];
  return parts.length > 0 ? parts.join(", ") : "the dashboard only";
}

export function AlertProfilesPanel({ profiles, scripts }: { profiles: Profile[]; scripts: string[] }) {
  const { run, pending, error } = useMutation(createAlertProfileInput, (input: Input) => trpc.monitoring.createAlertProfile.mutate(input));
  const [signingKey, setSigningKey] = useState<{ name: string; key: string } | null>(null);
  const fieldError = (name: string) => error?.fields[name] ?? Object.entries(error?.fields ?? {}).find(([field]) => field.startsWith(`${name}.`))?.[1];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const emails = String(data.get("emails") ?? "")
      .split(/[\s,;]+/)
      .filter(Boolean);
    const webhookUrl = String(data.get("webhookUrl") ?? "").trim();
    const remediationScript = String(data.get("remediationScript") ?? "");
    const created = await run({
      name: String(data.get("name") ?? ""),
      emails,
      dashboard: true,
      pushover: data.get("pushover") === "on",
      ...(webhookUrl ? { webhookUrl } : {}),
      ...(remediationScript ? { remediationScript } : {}),
    });
    if (!created) return;
    setSigningKey(created.webhookSigningKey ? { name: created.name, key: created.webhookSigningKey } : null);
    form.reset();
  }

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="alert-profiles-title">
        <header className="border-b border-slate-200 px-4 py-3">
          <h2 id="alert-profiles-title" className="text-[13px] font-semibold text-slate-900">
            Alert profiles
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">Chosen on a monitoring profile; every alert it raises goes to these channels.</p>
        </header>
        {profiles.length === 0 ? (
          <p className="px-4 py-6 text-[13px] text-slate-500">No alert profiles yet: alerts are shown in the dashboard only. Create one to send them by email, Pushover or webhook.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {profiles.map((profile) => (
              <li key={profile.id} className="px-4 py-2.5 text-[13px]" data-testid="alert-profile">
                <p className="font-medium text-slate-900">{profile.name}</p>
                <p className="text-xs text-slate-500">
                  To {channels(profile)}
                  {profile.remediationScript ? ` · remedies with script ${profile.remediationScript}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
        {signingKey ? (
          <div className="m-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-xs text-amber-950" role="status">
            <p>
              Signing key of <strong>{signingKey.name}</strong>&apos;s webhook. Copy it now: <strong>it will not be shown again.</strong> Receivers check{" "}
              <code className="font-mono">X-RMM-Signature: sha256=HMAC(key, timestamp + &quot;.&quot; + body)</code> with <code className="font-mono">X-RMM-Timestamp</code>.
            </p>
            <p data-testid="webhook-signing-key" className="mt-2 rounded border border-amber-200 bg-white px-2 py-1.5 font-mono break-all text-slate-900 select-all">
              {signingKey.key}
            </p>
            <div className="mt-2 flex justify-end gap-2">
              <CopyButton text={signingKey.key} label="Copy key" />
              <Button size="sm" variant="secondary" onClick={() => setSigningKey(null)}>
                Done
              </Button>
            </div>
          </div>
        ) : null}
      </section>
      <FormCard title="New alert profile">
        <form onSubmit={submit} noValidate className="space-y-3" aria-label="New alert profile">
          <FormErrorSummary error={error} fields={FIELDS} />
          <Field id="alert-profile-name" label="Name" error={fieldError("name")}>
            <input name="name" autoComplete="off" placeholder="e.g. On-call team" {...controlProps("alert-profile-name", fieldError("name"))} />
          </Field>
          <Field id="alert-profile-emails" label="Email addresses" error={fieldError("emails")} hint="Separated by commas or spaces.">
            <input name="emails" autoComplete="off" {...controlProps("alert-profile-emails", fieldError("emails"))} />
          </Field>
          <Field id="alert-profile-webhook" label="Webhook URL" error={fieldError("webhookUrl")} hint="Receives a signed JSON POST per alert.">
            <input name="webhookUrl" type="url" autoComplete="off" placeholder="https://" {...controlProps("alert-profile-webhook", fieldError("webhookUrl"))} />
          </Field>
          <Field id="alert-profile-script" label="Remediation script" error={fieldError("remediationScript")} hint="Runs on the device when an alert is raised.">
            <select name="remediationScript" {...controlProps("alert-profile-script", fieldError("remediationScript"))}>
              <option value="">None</option>
              {scripts.map((script) => (
                <option key={script} value={script}>
                  {script}
                </option>
              ))}
            </select>
          </Field>
          <div className="flex items-center justify-between text-[13px] text-slate-700">
            <label className="flex items-center gap-1.5">
              <input type="checkbox" name="pushover" /> Pushover
            </label>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create alert profile"}
            </Button>
          </div>
        </form>
      </FormCard>
    </div>
  );
}
