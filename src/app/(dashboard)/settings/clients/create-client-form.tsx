"use client";
/** Creates a client with its first site (admins who see every client). */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { createClientInput, FIRST_SITE_NAME } from "@/server/contracts/tenancy";
import type { z } from "zod";

export function CreateClientForm() {
  const { run, pending, error } = useMutation(createClientInput, (input: z.input<typeof createClientInput>) => trpc.clients.create.mutate(input));
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const siteName = String(data.get("siteName") ?? "");
    setCreated(null);
    const client = await run({ name: String(data.get("name") ?? ""), ...(siteName.trim() ? { siteName } : {}) });
    if (!client) return;
    setCreated(`${client.name} created with the site ${client.sites[0]?.name}.`);
    form.reset();
  }

  return (
    <FormCard title="Create client" description="A customer whose devices you manage. Every client has at least one site.">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Create client">
        <Field id="client-name" label="Client name" error={error?.fields.name}>
          <input name="name" maxLength={100} autoComplete="off" placeholder="e.g. Hermes Network Inc." {...controlProps("client-name", error?.fields.name)} />
        </Field>
        <Field id="client-site" label="First site" error={error?.fields.siteName} hint={`Empty for “${FIRST_SITE_NAME}”.`}>
          <input name="siteName" maxLength={100} autoComplete="off" placeholder={FIRST_SITE_NAME} {...controlProps("client-site", error?.fields.siteName)} />
        </Field>
        <FormErrorSummary error={error} fields={["name", "siteName"]} />
        {created ? <Alert tone="success">{created}</Alert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create client"}
        </Button>
      </form>
    </FormCard>
  );
}
