"use client";
/**
 * Creates an enrollment token for scripted installs. The server answers the token once; it is
 * shown here with a copy button until dismissed, and only its hash is kept.
 */
import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { SiteSelect } from "@/components/site-select";
import type { TenantOption } from "@/components/tenant-options";
import { formatTimestamp } from "@/lib/format-time";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import type { z } from "zod";
import { createEnrollmentInput } from "@/server/contracts/enrollment";

type Input = z.input<typeof createEnrollmentInput>;
type Created = { label: string; token: string; expiresAt: string; maxUses: number; site: string };

const FIELDS = ["label", "ttlHours", "maxUses", "siteId"];

function readForm(form: HTMLFormElement): Input {
  const data = new FormData(form);
  const siteId = String(data.get("siteId") ?? "");
  // An empty number box is 0, which the schema refuses with its own message.
  return { label: String(data.get("label") ?? ""), ttlHours: Number(data.get("ttlHours")), maxUses: Number(data.get("maxUses")), ...(siteId ? { siteId: Number(siteId) } : {}) };
}

function NewToken({ created, onDone }: { created: Created; onDone: () => void }) {
  return (
    <section aria-labelledby="new-token-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
      <h2 id="new-token-title" className="text-[13px] font-semibold text-amber-950">
        Token {created.label}
      </h2>
      <p className="mt-1 text-xs text-amber-900">
        Copy it now: <strong>it will not be shown again.</strong> Agents it enrolls join {created.site}. Valid until {formatTimestamp(created.expiresAt, undefined, { seconds: false })} for {created.maxUses}{" "}
        {created.maxUses === 1 ? "installation" : "installations"}; put it in the agent&apos;s <code className="font-mono">server.json</code> as <code className="font-mono">enrollmentToken</code>.
      </p>
      <p data-testid="new-enrollment-token" className="mt-3 rounded-md border border-amber-200 bg-white px-2.5 py-2 font-mono text-[13px] break-all text-slate-900 select-all">
        {created.token}
      </p>
      <div className="mt-3 flex justify-end gap-2">
        <CopyButton text={created.token} label="Copy token" />
        <Button variant="secondary" size="sm" onClick={onDone}>
          Done, hide the token
        </Button>
      </div>
    </section>
  );
}

export function CreateTokenForm({ clients }: { clients: TenantOption[] }) {
  const { run, pending, error } = useMutation(createEnrollmentInput, (input: Input) => trpc.enrollment.create.mutate(input));
  const [created, setCreated] = useState<Created | null>(null);
  const fieldError = (name: keyof Input) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const token = await run(readForm(form));
    if (!token) return;
    setCreated({ label: token.label, token: token.token, expiresAt: new Date(token.expiresAt).toISOString(), maxUses: token.maxUses, site: `${token.client.name} / ${token.site.name}` });
    form.reset();
  }

  return (
    <div className="space-y-5">
      <FormCard title="Create token" description="For installing agents by script or image. Agent downloads make their own tokens.">
        <form onSubmit={submit} noValidate className="space-y-3" aria-label="Create token">
          <Field id="token-label" label="Label" error={fieldError("label")} hint="What it is for, e.g. 'Branch office roll-out'.">
            <input name="label" autoComplete="off" {...controlProps("token-label", fieldError("label"))} />
          </Field>
          <Field id="token-site" label="Site" error={fieldError("siteId")} hint="Where the agents it enrolls belong.">
            <SiteSelect clients={clients} emptyLabel="The default site" {...controlProps("token-site", fieldError("siteId"))} />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field id="token-hours" label="Valid for (hours)" error={fieldError("ttlHours")} hint="1 to 2160.">
              <input name="ttlHours" type="number" min={1} max={2160} defaultValue={24} {...controlProps("token-hours", fieldError("ttlHours"))} />
            </Field>
            <Field id="token-uses" label="Max. installations" error={fieldError("maxUses")} hint="1 to 10000.">
              <input name="maxUses" type="number" min={1} max={10_000} defaultValue={1} {...controlProps("token-uses", fieldError("maxUses"))} />
            </Field>
          </div>
          <FormErrorSummary error={error} fields={FIELDS} />
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create token"}
          </Button>
        </form>
      </FormCard>
      {created ? <NewToken key={created.token} created={created} onDone={() => setCreated(null)} /> : null}
    </div>
  );
}
