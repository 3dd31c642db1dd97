"use client";
/**
 * Creates an API key for an integration. The server answers the key once; it is shown in a panel
 * until dismissed, and only its hash is kept. The role choice stops at the creator's own role,
 * the same rule the server enforces; a key may also be limited to some clients.
 */
import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { ClientRestrictionField, readClientRestriction } from "@/components/client-restriction-field";
import { controlProps, Field } from "@/components/field";
import { FormCard } from "@/components/form-card";
import { FormErrorSummary } from "@/components/form-error-summary";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { hasRole, ROLES, type Role } from "@/server/auth/roles";
import { API_KEY_MAX_DAYS, createApiKeyInput, type CreateApiKeyInput, type CreatedApiKey } from "@/server/contracts/api-keys";
import { NewApiKey } from "./new-api-key";

const FIELDS = ["name", "role", "expiresInDays", "clientIds"];

/** Select values of the expiry choice: days as text, or one of the two words. */
const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "custom", label: "Custom…" },
] as const;
type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]["value"];
// A key that lapses on its own is the safer default; "Never" stays one click away.
const DEFAULT_EXPIRY: ExpiryChoice = "90";

function readForm(form: HTMLFormElement, expiry: ExpiryChoice): CreateApiKeyInput {
  const data = new FormData(form);
  // An empty custom box is 0, which the schema refuses with its own message.
  const days = expiry === "never" ? null : expiry === "custom" ? Number(data.get("customDays")) : Number(expiry);
  return {
    name: String(data.get("name") ?? ""),
    // The select only offers ROLES; the schema still checks it like any other input.
    role: String(data.get("role")) as Role,
    expiresInDays: days,
    clientIds: readClientRestriction(data),
  };
}

export function CreateApiKeyForm({ maxRole, clients }: { maxRole: Role; clients: { id: number; name: string }[] }) {
  const { run, pending, error } = useMutation(createApiKeyInput, (input: CreateApiKeyInput) => trpc.apiKeys.create.mutate(input));
  const [expiry, setExpiry] = useState<ExpiryChoice>(DEFAULT_EXPIRY);
  // Kept across later submissions until dismissed: losing it before it was copied means a new key.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const fieldError = (name: keyof CreateApiKeyInput) => error?.fields[name];
  const roles = ROLES.filter((role) => hasRole(maxRole, role));
  const expiryError = fieldError("expiresInDays");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const answer = await run(readForm(form, expiry));
    if (!answer) return;
    setCreated(answer);
    form.reset();
    setExpiry(DEFAULT_EXPIRY);
  }

  return (
    <div className="space-y-5">
      <FormCard title="Create API key" description="One key per integration, so each can be revoked on its own and the audit log shows which one acted.">
        <form onSubmit={submit} noValidate className="space-y-3" aria-label="Create API key">
          <Field id="api-key-name" label="Name" error={fieldError("name")} hint="What uses it, e.g. 'PSA ticket sync'.">
            <input name="name" autoComplete="off" {...controlProps("api-key-name", fieldError("name"))} />
          </Field>
          <Field id="api-key-role" label="Role" error={fieldError("role")} hint="Viewer reads; operator also acts on devices; admin also manages users and keys.">
            <select name="role" defaultValue="viewer" {...controlProps("api-key-role", fieldError("role"))}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field id="api-key-expiry" label="Expires" error={expiry === "custom" ? undefined : expiryError}>
              <select name="expiry" value={expiry} onChange={(event) => setExpiry(event.target.value as ExpiryChoice)} {...controlProps("api-key-expiry", expiry === "custom" ? undefined : expiryError)}>
                {EXPIRY_CHOICES.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </Field>
            {expiry === "custom" ? (
              <Field id="api-key-days" label="After (days)" error={expiryError} hint={`1 to ${API_KEY_MAX_DAYS}.`}>
                <input name="customDays" type="number" min={1} max={API_KEY_MAX_DAYS} defaultValue={180} {...controlProps("api-key-days", expiryError)} />
              </Field>
            ) : null}
          </div>
          <ClientRestrictionField id="api-key-clients" clients={clients} error={fieldError("clientIds")} allLabel="Every client its creator sees" />
          <FormErrorSummary error={error} fields={FIELDS} />
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create API key"}
          </Button>
        </form>
      </FormCard>
      {created ? <NewApiKey key={created.key} created={created} onDone={() => setCreated(null)} /> : null}
    </div>
  );
}
