"use client";
/** The script's current content in a monospace editor; saving new content or language makes a new version. */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { CheckboxField, controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import type { z } from "zod";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { updateScriptInput, type ScriptDetail } from "@/server/contracts/scripts";
import { ContentField, LanguageField } from "../script-fields";

const FIELDS = ["description", "language", "content", "requiresApproval"];

export function ScriptEditor({ script, editable }: { script: ScriptDetail; editable: boolean }) {
  const { run, pending, error } = useMutation(updateScriptInput, (input: z.input<typeof updateScriptInput>) => trpc.scripts.update.mutate(input));
  const [saved, setSaved] = useState<string | null>(null);
  const fieldError = (name: keyof z.input<typeof updateScriptInput>) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const answer = await run({
      scriptId: script.id,
      description: String(data.get("description") ?? ""),
      language: String(data.get("language")) as z.input<typeof updateScriptInput>["language"],
      content: String(data.get("content") ?? ""),
      // Left out once required: the server refuses to switch it off.
      requiresApproval: script.requiresApproval ? undefined : data.get("requiresApproval") === "on",
    });
    if (!answer) return setSaved(null);
    setSaved(answer.version === script.version ? "Saved; the content did not change, so this is still the same version." : `Saved as version ${answer.version}.`);
  }

  return (
    <FormCard title="Script" description={editable ? "Saving changed content or language makes a new version; a script that requires approval then needs a new approval." : undefined}>
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Edit script">
        <fieldset disabled={!editable} className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="edit-description" label="Description" error={fieldError("description")}>
              <input name="description" defaultValue={script.description} autoComplete="off" {...controlProps("edit-description", fieldError("description"))} />
            </Field>
            <LanguageField id="edit-language" error={fieldError("language")} defaultValue={script.language} />
          </div>
          <ContentField key={script.versionId} id="edit-content" error={fieldError("content")} defaultValue={script.content} readOnly={!editable} />
          {script.requiresApproval ? (
            <p className="text-xs text-slate-500">Requires approval: each version runs only after an admin other than its author approved it. This cannot be switched off.</p>
          ) : (
            <CheckboxField id="edit-approval" name="requiresApproval" label="Requires approval" hint="Each version runs only after an admin other than its author approved it. Once on, it cannot be switched off." />
          )}
        </fieldset>
        <FormErrorSummary error={error} fields={FIELDS} />
        {saved ? <Alert tone="success">{saved}</Alert> : null}
        {editable ? (
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        ) : null}
      </form>
    </FormCard>
  );
}
