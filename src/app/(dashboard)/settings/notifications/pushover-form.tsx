"use client";
/** Pushover: the application token (never shown; empty keeps it) and the user or group key alerts go to. */
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { pushoverSettingsInput, type IntegrationView } from "@/server/contracts/integrations";

type Input = z.input<typeof pushoverSettingsInput>;
const FIELDS = ["token", "user_key"];

export function PushoverForm({ current }: { current: IntegrationView }) {
  const { run, pending, error } = useMutation(pushoverSettingsInput, (input: Input) => trpc.integrations.updatePushover.mutate(input));
  const [saved, setSaved] = useState(false);
  const settings = current.settings as { userKey?: string; tokenSet?: boolean };
  const fieldError = (name: string) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const token = String(data.get("token") ?? "");
    const result = await run({ user_key: String(data.get("user_key") ?? ""), enabled: data.get("enabled") === "on", ...(token ? { token } : {}) });
    setSaved(result !== null);
  }

  return (
    <FormCard title="Pushover" description={current.configured ? `Last changed by ${current.updatedBy ?? "—"}.` : "Not configured: alert profiles that ask for Pushover cannot send yet."}>
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Pushover settings">
        <FormErrorSummary error={error} fields={FIELDS} />
        {saved ? (
          <p role="status" className="text-xs text-emerald-700">
            Pushover settings saved.
          </p>
        ) : null}
        <Field id="pushover-token" label="Application token" error={fieldError("token")} hint={settings.tokenSet ? "Stored; leave empty to keep it." : "From your Pushover application's page."}>
          <input name="token" type="password" autoComplete="off" {...controlProps("pushover-token", fieldError("token"))} />
        </Field>
        <Field id="pushover-user" label="User or group key" error={fieldError("user_key")}>
          <input name="user_key" autoComplete="off" defaultValue={settings.userKey ?? ""} {...controlProps("pushover-user", fieldError("user_key"))} />
        </Field>
        <div className="flex items-center justify-between text-[13px] text-slate-700">
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name="enabled" defaultChecked={current.configured ? current.enabled : true} /> Enabled
          </label>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save Pushover"}
          </Button>
        </div>
      </form>
    </FormCard>
  );
}
