/**
 * The part of a form error that no input shows: the summary when no field is to blame, and any
 * field message for a field the form does not have (so that no message is ever dropped).
 */
import type { FormError } from "@/lib/form-error";
import { Alert } from "./alert";

export function FormErrorSummary({ error, fields }: { error: FormError | null; fields: string[] }) {
  if (!error) return null;
  const entries = Object.entries(error.fields);
  const unattached = entries.filter(([field]) => !fields.includes(field));
  if (entries.length > 0 && unattached.length === 0) return null;
  return (
    <Alert tone="error">
      {error.message}
      {unattached.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {unattached.map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
