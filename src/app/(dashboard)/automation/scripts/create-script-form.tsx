"use client";
/** Adds a script (admins): name, language, content and whether its versions need a second admin's approval. */
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/button";
import { CheckboxField, controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import type { z } from "zod";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { createScriptInput } from "@/server/contracts/scripts";
import { ContentField, LanguageField } from "./script-fields";

const FIELDS = ["name", "description", "language", "content", "requiresApproval"];

export function CreateScriptForm() {
  const router = useRouter();
  const { run, pending, error } = useMutation(createScriptInput, (input: z.input<typeof createScriptInput>) => trpc.scripts.create.mutate(input));
  const fieldError = (name: keyof z.input<typeof createScriptInput>) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const created = await run({
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      language: String(data.get("language")) as z.input<typeof createScriptInput>["language"],
      content: String(data.get("content") ?? ""),
      requiresApproval: data.get("requiresApproval") === "on",
    });
    if (created) router.push(`/automation/scripts/${created.id}`);
  }

  return (
    <FormCard title="New script" description="Arguments are given when it runs, as separate values: never paste them into the content.">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="New script">
        <Field id="script-name" label="Name" error={fieldError("name")}>
          <input name="name" autoComplete="off" {...controlProps("script-name", fieldError("name"))} />
        </Field>
        <Field id="script-description" label="Description" error={fieldError("description")}>
          <input name="description" autoComplete="off" {...controlProps("script-description", fieldError("description"))} />
        </Field>
        <LanguageField id="script-language" error={fieldError("language")} />
        <ContentField id="script-content" error={fieldError("content")} rows={10} />
        <CheckboxField id="script-approval" name="requiresApproval" label="Requires approval" hint="Each version runs only after an admin other than its author approved it." />
        <FormErrorSummary error={error} fields={FIELDS} />
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add script"}
        </Button>
      </form>
    </FormCard>
  );
}
