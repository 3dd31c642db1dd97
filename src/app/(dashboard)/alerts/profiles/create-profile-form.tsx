"use client";
/** A new monitoring profile: a name and one or more threshold rules (metric, comparison, threshold, window, severity). */
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { createMonitoringProfileInput } from "@/server/contracts/monitoring";
import { METRIC_LABELS, RULE_METRICS } from "@/server/monitoring/metrics";

type Input = z.input<typeof createMonitoringProfileInput>;
type RuleDraft = { metric: string; comparison: string; threshold: string; windowSeconds: string; severity: string };

const NEW_RULE: RuleDraft = { metric: "cpu", comparison: "gte", threshold: "90", windowSeconds: "300", severity: "warning" };
const COMPARISON_LABELS: Record<string, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<" };
const SMALL = "h-8 rounded-md border border-slate-300 bg-white px-2 text-[13px] shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/25 focus:outline-none";

export function CreateProfileForm({ alertProfiles }: { alertProfiles: { id: string; name: string }[] }) {
  const { run, pending, error } = useMutation(createMonitoringProfileInput, (input: Input) => trpc.monitoring.createProfile.mutate(input));
  const [rules, setRules] = useState<RuleDraft[]>([NEW_RULE]);
  const [created, setCreated] = useState<string | null>(null);
  const update = (index: number, change: Partial<RuleDraft>) => setRules((list) => list.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const alertProfileId = String(data.get("alertProfileId") ?? "");
    const profile = await run({
      ...(alertProfileId ? { alertProfileId } : {}),
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      rules: rules.map((rule) => ({ metric: rule.metric, comparison: rule.comparison as never, threshold: Number(rule.threshold), windowSeconds: Number(rule.windowSeconds), severity: rule.severity as never })),
    });
    if (!profile) return;
    setCreated(profile.name);
    setRules([NEW_RULE]);
    form.reset();
  }

  return (
    <FormCard title="New profile" description="Assign it to devices or groups once created. An alert clears when the average is back past the threshold by 5 %.">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="New monitoring profile">
        <FormErrorSummary error={error} fields={["name", "description", "alertProfileId"]} />
        {created ? (
          <p role="status" className="text-xs text-emerald-700">
            Profile {created} created.
          </p>
        ) : null}
        <Field id="profile-name" label="Name" error={error?.fields.name}>
          <input name="name" autoComplete="off" placeholder="e.g. Servers: resources" {...controlProps("profile-name", error?.fields.name)} />
        </Field>
        <Field id="profile-description" label="Description" error={error?.fields.description}>
          <input name="description" autoComplete="off" {...controlProps("profile-description", error?.fields.description)} />
        </Field>
        <Field id="profile-alert-profile" label="Alert profile" error={error?.fields.alertProfileId} hint="Who hears of its alerts besides the dashboard (Settings › Notifications).">
          <select name="alertProfileId" {...controlProps("profile-alert-profile", error?.fields.alertProfileId)}>
            <option value="">Dashboard only</option>
            {alertProfiles.map((alertProfile) => (
              <option key={alertProfile.id} value={alertProfile.id}>
                {alertProfile.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-[13px] font-medium text-slate-700">Rules</legend>
          {rules.map((rule, index) => (
            <div key={index} className="flex flex-wrap items-center gap-1.5 rounded-md border border-slate-200 bg-slate-50 p-2" data-testid="rule-row">
              <select aria-label={`Rule ${index + 1} metric`} className={SMALL} value={rule.metric} onChange={(event) => update(index, { metric: event.target.value })}>
                {RULE_METRICS.map((metric) => (
                  <option key={metric} value={metric}>
                    {METRIC_LABELS[metric].label}
                  </option>
                ))}
              </select>
              <select aria-label={`Rule ${index + 1} comparison`} className={SMALL} value={rule.comparison} onChange={(event) => update(index, { comparison: event.target.value })}>
                {Object.entries(COMPARISON_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <input aria-label={`Rule ${index + 1} threshold`} inputMode="decimal" className={`${SMALL} w-20`} value={rule.threshold} onChange={(event) => update(index, { threshold: event.target.value })} />
              <span className="text-xs text-slate-500">{METRIC_LABELS[rule.metric as keyof typeof METRIC_LABELS]?.unit}, over</span>
              <input aria-label={`Rule ${index + 1} window in seconds`} inputMode="numeric" className={`${SMALL} w-16`} value={rule.windowSeconds} onChange={(event) => update(index, { windowSeconds: event.target.value })} />
              <span className="text-xs text-slate-500">s</span>
              <select aria-label={`Rule ${index + 1} severity`} className={SMALL} value={rule.severity} onChange={(event) => update(index, { severity: event.target.value })}>
                <option value="info">info</option>
                <option value="warning">warning</option>
                <option value="critical">critical</option>
              </select>
              {rules.length > 1 ? (
                <Button size="xs" variant="ghost-danger" aria-label={`Remove rule ${index + 1}`} onClick={() => setRules((list) => list.filter((_, i) => i !== index))}>
                  Remove
                </Button>
              ) : null}
            </div>
          ))}
          <Button size="xs" variant="secondary" onClick={() => setRules((list) => [...list, NEW_RULE])}>
            Add rule
          </Button>
        </fieldset>
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create profile"}
          </Button>
        </div>
      </form>
    </FormCard>
  );
}
