"use client";
/** Adds a site to one client, inline under its sites (admins). */
import { type FormEvent } from "react";
import { Button } from "@/components/button";
import { controlProps } from "@/components/field";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { createSiteInput } from "@/server/contracts/tenancy";

export function AddSiteForm({ clientId, clientName }: { clientId: number; clientName: string }) {
  const { run, pending, error } = useMutation(createSiteInput, (input: { clientId: number; name: string }) => trpc.sites.create.mutate(input));
  const id = `add-site-${clientId}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    if (await run({ clientId, name: String(new FormData(form).get("name") ?? "") })) form.reset();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-1.5" aria-label={`Add a site to ${clientName}`}>
      <div className="flex gap-2">
        <input name="name" maxLength={100} autoComplete="off" placeholder="New site name" aria-label={`New site of ${clientName}`} {...controlProps(id, error?.fields.name)} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Adding…" : "Add site"}
        </Button>
      </div>
      {error?.fields.name ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {error.fields.name}
        </p>
      ) : null}
      <FormErrorSummary error={error} fields={["name"]} />
    </form>
  );
}
