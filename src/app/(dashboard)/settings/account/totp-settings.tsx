"use client";
/**
 * Setting up or removing one's own TOTP. Set-up is two steps: the server hands out a new secret
 * (shown as a QR code), and only a code from it turns TOTP on, so a badly scanned secret never
 * locks anyone out. Removing it asks for the password.
 */
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { TotpSecret } from "@/components/totp-secret";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { confirmTotpInput, disableTotpInput, type ConfirmTotpInput, type DisableTotpInput, type TotpEnrolment } from "@/server/contracts/account";

function RemoveTotpForm({ onRemoved }: { onRemoved: () => void }) {
  const { run, pending, error } = useMutation(disableTotpInput, (input: DisableTotpInput) => trpc.account.disableTotp.mutate(input));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await run({ currentPassword: String(new FormData(event.currentTarget).get("currentPassword") ?? "") })) onRemoved();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Remove TOTP">
      <p className="flex items-center gap-2 text-[13px] text-slate-700">
        <Badge tone="success">On</Badge> Signing in asks for a code from your authenticator app.
      </p>
      <Field id="totp-remove-password" label="Current password" error={error?.fields.currentPassword} hint="To remove TOTP, or to move to another authenticator (remove, then set up again).">
        <input name="currentPassword" type="password" autoComplete="current-password" {...controlProps("totp-remove-password", error?.fields.currentPassword)} />
      </Field>
      <FormErrorSummary error={error} fields={["currentPassword"]} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Removing…" : "Remove TOTP"}
      </Button>
    </form>
  );
}

function ConfirmTotpForm({ enrolment, onConfirmed, onCancel }: { enrolment: TotpEnrolment; onConfirmed: () => void; onCancel: () => void }) {
  const { run, pending, error } = useMutation(confirmTotpInput, (input: ConfirmTotpInput) => trpc.account.confirmTotp.mutate(input));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await run({ code: String(new FormData(event.currentTarget).get("code") ?? "") })) onConfirmed();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4" aria-label="Confirm TOTP">
      <p className="text-xs text-amber-900">Scan the code with an authenticator app, or type the secret. Then enter the code the app shows: TOTP is on only once it matches.</p>
      <TotpSecret key={enrolment.otpauthUri} otpauthUri={enrolment.otpauthUri} />
      <Field id="totp-code" label="Code from the app" error={error?.fields.code}>
        <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...controlProps("totp-code", error?.fields.code)} />
      </Field>
      <FormErrorSummary error={error} fields={["code"]} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on TOTP"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function TotpSettings({ totpEnabled }: { totpEnabled: boolean }) {
  const begin = useMutation(z.undefined(), () => trpc.account.beginTotp.mutate());
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function start() {
    setNotice(null);
    setEnrolment(await begin.run(undefined));
  }

  let body;
  if (totpEnabled) {
    body = <RemoveTotpForm onRemoved={() => setNotice("TOTP removed. Signing in asks only for your password.")} />;
  } else if (enrolment) {
    body = (
      <ConfirmTotpForm
        enrolment={enrolment}
        onConfirmed={() => {
          setEnrolment(null);
          setNotice("TOTP is on. From now on, signing in also asks for a code from the app.");
        }}
        onCancel={() => setEnrolment(null)}
      />
    );
  } else {
    body = (
      <div className="space-y-3">
        <p className="text-[13px] text-slate-700">Off: signing in asks only for your password. With TOTP, it also asks for a code from an authenticator app on your phone.</p>
        <FormErrorSummary error={begin.error} fields={[]} />
        <Button onClick={() => void start()} disabled={begin.pending}>
          {begin.pending ? "Starting…" : "Set up TOTP"}
        </Button>
      </div>
    );
  }

  return (
    <FormCard title="Two-factor authentication (TOTP)" description="A second factor: a stolen password alone is not enough to sign in as you.">
      <div className="space-y-3">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {body}
      </div>
    </FormCard>
  );
}
