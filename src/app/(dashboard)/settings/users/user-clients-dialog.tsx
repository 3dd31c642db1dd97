"use client";
/** An admin chooses which clients' devices someone may see and act on: every client, or some. */
import { useId, type FormEvent } from "react";
import { Button } from "@/components/button";
import { ClientRestrictionField, readClientRestriction } from "@/components/client-restriction-field";
import { FormErrorSummary } from "@/components/form-error-summary";
import { Modal, ModalFooter } from "@/components/modal";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { setClientsInput, type SetClientsInput, type UserSummary } from "@/server/contracts/users";

type Props = { user: UserSummary; clients: { id: number; name: string }[]; onClose: () => void; onDone: (message: string) => void };

export function UserClientsDialog({ user, clients, onClose, onDone }: Props) {
  const titleId = useId();
  const { run, pending, error } = useMutation(setClientsInput, (input: SetClientsInput) => trpc.users.setClients.mutate(input));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientIds = readClientRestriction(new FormData(event.currentTarget));
    if (await run({ username: user.username, clientIds })) onDone(clientIds === null ? `${user.username} sees every client.` : `${user.username} now sees ${clientIds.length} ${clientIds.length === 1 ? "client" : "clients"}.`);
  }

  return (
    <Modal open onClose={onClose} labelledBy={titleId}>
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            Clients of {user.username}
          </h2>
          <p className="text-[13px] text-slate-600">
            {user.username} sees, and acts on, only the devices of these clients; other clients&apos; devices do not exist for them. It applies from their next request, and to the API keys they made.
          </p>
          <ClientRestrictionField id="user-clients" clients={clients} defaultValue={user.clientIds} error={error?.fields.clientIds} />
          <FormErrorSummary error={error} fields={["clientIds"]} />
        </div>
        <ModalFooter>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
