"use client";
/**
 * An admin sets a new password for someone (typed, or generated here) and can remove their TOTP
 * when they lost their authenticator. The user is signed out everywhere; the dialog then shows the
 * password once more to hand over.
 */
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { CheckboxField, controlProps, Field } from "@/components/field";
import { FormErrorSummary } from "@/components/form-error-summary";
import { Modal, ModalFooter } from "@/components/modal";
import { generatePassword } from "@/lib/generate-password";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { resetPasswordInput, type ResetPasswordInput, type UserSummary } from "@/server/contracts/users";

type ResetPasswordDialogProps = { user: UserSummary; onClose: () => void };

export function ResetPasswordDialog({ user, onClose }: ResetPasswordDialogProps) {
  const titleId = useId();
  const { run, pending, error } = useMutation(resetPasswordInput, (input: ResetPasswordInput) => trpc.users.resetPassword.mutate(input));
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<{ password: string; totpRemoved: boolean } | null>(null);
  const control = controlProps("reset-password", error?.fields.password);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const removeTotp = new FormData(event.currentTarget).get("removeTotp") === "on";
    if (await run({ username: user.username, password, removeTotp })) setDone({ password, totpRemoved: removeTotp });
  }

  return (
    <Modal open onClose={onClose} labelledBy={titleId}>
      {done ? (
        <>
          <div className="space-y-3 p-5">
            <h2 id={titleId} className="text-base font-semibold">
              Password of {user.username} reset
            </h2>
            <p className="text-[13px] text-slate-600">
              They were signed out everywhere{done.totpRemoved ? " and sign in without TOTP until they set it up again" : ""}. Give them the new password through a safe channel:
            </p>
            <p data-testid="reset-password" className="rounded-md border border-slate-200 bg-slate-50 px-2.5 py-2 font-mono text-[13px] break-all text-slate-900 select-all">
              {done.password}
            </p>
            <div className="flex justify-end">
              <CopyButton text={done.password} label="Copy password" />
            </div>
          </div>
          <ModalFooter>
            <Button onClick={onClose}>Done</Button>
          </ModalFooter>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby={titleId}>
          <div className="space-y-3 p-5">
            <h2 id={titleId} className="text-base font-semibold">
              Reset the password of {user.username}
            </h2>
            <p className="text-[13px] text-slate-600">Whoever is signed in as {user.username} is signed out at once, on the dashboard and the API. Their API keys keep working.</p>
            <Field id="reset-password" label="New password" error={error?.fields.password} hint="At least 8 characters; it is shown so that you can hand it over.">
              <div className="flex gap-2">
                <input
                  name="password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  {...control}
                  className={`${control.className} font-mono`}
                />
                <Button variant="secondary" onClick={() => setPassword(generatePassword())}>
                  Generate
                </Button>
              </div>
            </Field>
            {user.totpEnabled ? <CheckboxField id="reset-remove-totp" name="removeTotp" label="Also remove TOTP" hint="For someone who lost their authenticator: they set it up again on their account page." /> : null}
            <FormErrorSummary error={error} fields={["password"]} />
          </div>
          <ModalFooter>
            <Button variant="secondary" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Resetting…" : "Reset password"}
            </Button>
          </ModalFooter>
        </form>
      )}
    </Modal>
  );
}
