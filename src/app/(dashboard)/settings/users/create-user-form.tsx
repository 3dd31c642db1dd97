"use client";
/**
 * Creates a dashboard user. With "Require TOTP" the server answers the authenticator URI once;
 * it is shown here as a QR code until dismissed and can never be fetched again.
 */
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ClientRestrictionField, readClientRestriction } from "@/components/client-restriction-field";
import { CheckboxField, controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { ROLES } from "@/server/auth/roles";
import { createUserInput, type CreateUserInput } from "@/server/contracts/users";
import { TotpEnrolment } from "./totp-enrolment";

type Enrolment = { username: string; otpauthUri: string };

function readForm(form: HTMLFormElement): CreateUserInput {
  const data = new FormData(form);
  return {
    username: String(data.get("username") ?? ""),
    password: String(data.get("password") ?? ""),
    // The select only offers ROLES; the schema still checks it like any other input.
    role: String(data.get("role")) as CreateUserInput["role"],
    totp: data.get("totp") === "on",
    clientIds: readClientRestriction(data),
  };
}

export function CreateUserForm({ clients }: { clients: { id: number; name: string }[] }) {
  const { run, pending, error } = useMutation(createUserInput, (input: CreateUserInput) => trpc.users.create.mutate(input));
  const [created, setCreated] = useState<string | null>(null);
  // Kept across later submissions until dismissed: losing it before the user has scanned it
  // would mean deleting and recreating the account.
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const fieldError = (name: keyof CreateUserInput) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setCreated(null);
    const user = await run(readForm(form));
    if (!user) return;
    setCreated(user.username);
    if (user.otpauthUri) setEnrolment({ username: user.username, otpauthUri: user.otpauthUri });
    // Never leave a password sitting in the form after it has been used.
    form.reset();
  }

  return (
    <div className="space-y-5">
      <FormCard title="Create user" description="The user signs in with this username and password; share them through a safe channel.">
        <form onSubmit={submit} noValidate className="space-y-3" aria-label="Create user">
          <Field id="user-username" label="Username" error={fieldError("username")} hint="Letters, digits, '.', '_', '@' and '-'.">
            <input name="username" autoComplete="off" spellCheck={false} {...controlProps("user-username", fieldError("username"))} />
          </Field>
          <Field id="user-password" label="Password" error={fieldError("password")} hint="At least 8 characters.">
            <input name="password" type="password" autoComplete="new-password" {...controlProps("user-password", fieldError("password"))} />
          </Field>
          <Field id="user-role" label="Role" error={fieldError("role")}>
            <select name="role" defaultValue="viewer" {...controlProps("user-role", fieldError("role"))}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </Field>
          <ClientRestrictionField id="user-clients" clients={clients} error={fieldError("clientIds")} />
          <CheckboxField id="user-totp" name="totp" label="Require TOTP" error={fieldError("totp")} hint="Sign-in then also asks for a code from an authenticator app." />
          <FormErrorSummary error={error} fields={["username", "password", "role", "clientIds", "totp"]} />
          {created ? (
            <Alert tone="success">
              User <strong className="font-semibold">{created}</strong> created.
            </Alert>
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create user"}
          </Button>
        </form>
      </FormCard>
      {enrolment ? <TotpEnrolment key={enrolment.otpauthUri} {...enrolment} onDone={() => setEnrolment(null)} /> : null}
    </div>
  );
}
