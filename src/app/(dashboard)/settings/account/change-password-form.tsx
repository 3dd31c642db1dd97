"use client";
/** Changes one's own password; every other session and API token of the account is signed out. */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { changePasswordInput, type ChangePasswordInput } from "@/server/contracts/account";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

export function ChangePasswordForm() {
  const { run, pending, error, clearError } = useMutation(changePasswordInput, (input: ChangePasswordInput) => trpc.account.changePassword.mutate(input));
  // A typo in the new password would lock its owner out: the repeat is checked before anything is sent.
  const [mismatch, setMismatch] = useState(false);
  const [changed, setChanged] = useState<string | null>(null);
  const fieldError = (name: string) => (name === "confirmPassword" && mismatch ? "does not match the new password" : error?.fields[name]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = { currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") };
    setChanged(null);
    const repeated = input.newPassword === String(data.get("confirmPassword") ?? "");
    setMismatch(!repeated);
    if (!repeated) return clearError();
    const ended = await run(input);
    if (!ended) return;
    const others = ended.sessions + ended.tokenFamilies;
    setChanged(others === 0 ? "Password changed." : `Password changed. ${others} other ${others === 1 ? "sign-in was" : "sign-ins were"} signed out.`);
    form.reset();
  }

  return (
    <FormCard title="Change password" description="You stay signed in here; everywhere else (other browsers, /api/v1 tokens) you are signed out.">
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Change password">
        <Field id="account-current-password" label="Current password" error={fieldError("currentPassword")}>
          <input name="currentPassword" type="password" autoComplete="current-password" {...controlProps("account-current-password", fieldError("currentPassword"))} />
        </Field>
        <Field id="account-new-password" label="New password" error={fieldError("newPassword")} hint="At least 8 characters.">
          <input name="newPassword" type="password" autoComplete="new-password" {...controlProps("account-new-password", fieldError("newPassword"))} />
        </Field>
        <Field id="account-confirm-password" label="Repeat new password" error={fieldError("confirmPassword")}>
          <input name="confirmPassword" type="password" autoComplete="new-password" {...controlProps("account-confirm-password", fieldError("confirmPassword"))} />
        </Field>
        <FormErrorSummary error={error} fields={FIELDS} />
        {changed ? <Alert tone="success">{changed}</Alert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </FormCard>
  );
}
