"use client";
/** Creates a group. The server normalises the name (spaces), so the result shows what was stored. */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { createGroupInput } from "@/server/contracts/groups";

type Outcome = { name: string; existed: boolean };

export function CreateGroupForm({ existing }: { existing: string[] }) {
  const { run, pending, error } = useMutation(createGroupInput, (input: { name: string }) => trpc.groups.create.mutate(input));
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setOutcome(null);
    const created = await run({ name: String(new FormData(form).get("name") ?? "") });
    if (!created) return;
    // Creating an existing group (in any letter case) succeeds and returns its stored spelling.
    setOutcome({ name: created.name, existed: existing.some((name) => name.toLowerCase() === created.name.toLowerCase()) });
    form.reset();
  }

  return (
    <FormCard title="Create group" description="Leading, trailing and repeated spaces are removed; names are unique regardless of case.">
      <form onSubmit={submit} noValidate className="space-y-3">
        <Field id="group-name" label="Group name" error={error?.fields.name}>
          <input name="name" autoComplete="off" placeholder="e.g. Front Desk" {...controlProps("group-name", error?.fields.name)} />
        </Field>
        <FormErrorSummary error={error} fields={["name"]} />
        {outcome ? (
          <Alert tone={outcome.existed ? "info" : "success"}>
            Group <strong className="font-semibold">{outcome.name}</strong> {outcome.existed ? "already exists." : "created."}
          </Alert>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create group"}
        </Button>
      </form>
    </FormCard>
  );
}
