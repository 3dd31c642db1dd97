"use client";
/**
 * Revoking a row of a credentials table (enrollment tokens, API keys): a Revoke button on active
 * rows, a confirmation that says what stops working, then a success or error message above the
 * table. The table supplies the mutation and the words; this owns the flow.
 */
import { useMemo, useState, type ReactNode } from "react";
import type { ZodType } from "zod";
import type { Column } from "@/lib/table-rows";
import { useMutation } from "@/lib/use-mutation";
import { Alert } from "./alert";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";

type Revocable = { id: string | number; state: string };

export type RevokeWords<Row> = {
  /** What the row is called in messages, e.g. its name or label. */
  nameOf: (row: Row) => string;
  title: (row: Row) => string;
  confirmLabel: string;
  /** What stops (and what keeps) working, shown in the confirmation. */
  consequences: (row: Row) => ReactNode;
  /** The success message once revoked. */
  done: (name: string) => ReactNode;
};

export function useRevokeAction<Row extends Revocable>(schema: ZodType<unknown, { id: Row["id"] }>, mutate: (input: { id: Row["id"] }) => Promise<unknown>, words: RevokeWords<Row>) {
  const { run, pending, error, clearError } = useMutation(schema, mutate);
  const [confirming, setConfirming] = useState<Row | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const column = useMemo<Column<Row>>(
    () => ({
      id: "actions",
      header: "",
      accessor: () => null,
      sortable: false,
      searchable: false,
      className: "w-20 py-0 text-right",
      render: (row) =>
        row.state === "active" ? (
          <Button
            variant="ghost-danger"
            size="xs"
            aria-label={`Revoke ${words.nameOf(row)}`}
            onClick={() => {
              clearError();
              setRevoked(null);
              setConfirming(row);
            }}
          >
            Revoke
          </Button>
        ) : null,
    }),
    [clearError, words],
  );

  async function revoke(row: Row) {
    const result = await run({ id: row.id });
    setConfirming(null);
    if (result) setRevoked(words.nameOf(row));
  }

  const feedback = (
    <>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {revoked ? <Alert tone="success">{words.done(revoked)}</Alert> : null}
    </>
  );

  const dialog = (
    <ConfirmDialog
      open={confirming !== null}
      title={confirming ? words.title(confirming) : ""}
      confirmLabel={words.confirmLabel}
      pendingLabel="Revoking…"
      pending={pending}
      onConfirm={() => confirming && void revoke(confirming)}
      onCancel={() => setConfirming(null)}
    >
      {confirming ? words.consequences(confirming) : null}
    </ConfirmDialog>
  );

  return { column, feedback, dialog };
}
