/**
 * Runs one tRPC mutation for a form: validation with the procedure's own zod schema before the
 * round trip, pending state, field errors from the server's `details`, and a router.refresh()
 * afterwards so that the server components on the page show the new data.
 */
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import type { ZodType } from "zod";
import { fromZodError, toFormError, type FormError } from "./form-error";

export function useMutation<Input, Output>(schema: ZodType<unknown, Input>, mutate: (input: Input) => Promise<Output>) {
  const router = useRouter();
  const [error, setError] = useState<FormError | null>(null);
  const [pending, startTransition] = useTransition();

  /** Resolves to the output, or null when the input was invalid or the call failed (see `error`). */
  function run(input: Input): Promise<Output | null> {
    const checked = schema.safeParse(input);
    if (!checked.success) {
      setError(fromZodError(checked.error));
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      // The transition stays pending until the refreshed server components arrive, so the
      // button re-enables only once the page shows the change.
      startTransition(async () => {
        try {
          const output = await mutate(input);
          setError(null);
          router.refresh();
          resolve(output);
        } catch (caught) {
          setError(toFormError(caught));
          resolve(null);
        }
      });
    });
  }

  // Stable, so that components can list it among the dependencies of their memos.
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
