"use client";
/** Renames a client or a site: one dialog, the procedure decides which. */
import { useId, type FormEvent } from "react";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormErrorSummary } from "@/components/form-error-summary";
import { Modal, ModalFooter } from "@/components/modal";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { renameClientInput, renameSiteInput } from "@/server/contracts/tenancy";

export type RenameTarget = { kind: "client"; clientId: number; name: string } | { kind: "site"; siteId: number; name: string; clientName: string };

function useRename(target: RenameTarget) {
  const client = useMutation(renameClientInput, (input: { clientId: number; name: string }) => trpc.clients.rename.mutate(input));
  const site = useMutation(renameSiteInput, (input: { siteId: number; name: string }) => trpc.sites.rename.mutate(input));
  if (target.kind === "client") return { ...client, rename: (name: string) => client.run({ clientId: target.clientId, name }) };
  return { ...site, rename: (name: string) => site.run({ siteId: target.siteId, name }) };
}

export function RenameDialog({ target, onClose }: { target: RenameTarget; onClose: () => void }) {
  const titleId = useId();
  const { rename, pending, error } = useRename(target);
  const what = target.kind === "client" ? "client" : `site of ${target.clientName}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await rename(String(new FormData(event.currentTarget).get("name") ?? ""))) onClose();
  }

  return (
    <Modal open onClose={onClose} labelledBy={titleId}>
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            Rename the {what} {target.name}
          </h2>
          <Field id="rename-name" label="New name" error={error?.fields.name} hint="Unique regardless of case.">
            <input name="name" defaultValue={target.name} maxLength={100} autoComplete="off" autoFocus {...controlProps("rename-name", error?.fields.name)} />
          </Field>
          <FormErrorSummary error={error} fields={["name"]} />
        </div>
        <ModalFooter>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Renaming…" : "Rename"}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
