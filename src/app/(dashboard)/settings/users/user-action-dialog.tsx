"use client";
/**
 * Asks before an admin changes someone's account (role, disable, enable, end sessions), runs the
 * change and says what happened. A refusal (the last admin, for example) is shown in the dialog.
 */
import type { ZodType } from "zod";
import { Alert } from "@/components/alert";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import type { Role } from "@/server/auth/roles";
import { setRoleInput, userTargetInput, type UserSummary } from "@/server/contracts/users";

/** A change that needs only a "yes" (resetting a password has a dialog of its own). */
export type ConfirmedUserAction = { kind: "disable" | "enable" | "endSessions"; user: UserSummary } | { kind: "setRole"; user: UserSummary; role: Role };
export type UserAction = ConfirmedUserAction | { kind: "resetPassword"; user: UserSummary };

const ROLE_POWERS: Record<Role, string> = {
  viewer: "can look at devices but change nothing",
  operator: "can also act on devices",
  admin: "can also manage users, API keys and settings",
};

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

type Request = { schema: ZodType<unknown, unknown>; input: unknown; call: (input: unknown) => Promise<string> };

/** Pairs a procedure's input with its schema; the types meet here and nowhere else. */
function request<Input>(schema: ZodType<unknown, Input>, input: Input, call: (input: Input) => Promise<string>): Request {
  return { schema, input, call } as Request;
}

type Prompt = { title: string; body: string; confirm: string; pending: string; tone: "danger" | "primary"; request: Request };

function promptFor(action: ConfirmedUserAction): Prompt {
  const username = action.user.username;
  switch (action.kind) {
    case "disable":
      return {
        title: `Disable ${username}?`,
        body: `${username} is signed out at once and can no longer sign in. Their /api/v1 tokens are revoked, and API keys they created are refused until you enable the account again.`,
        confirm: "Disable user",
        pending: "Disabling…",
        tone: "danger",
        request: request(userTargetInput, { username }, (input) => trpc.users.disable.mutate(input).then(() => `${username} is disabled and was signed out.`)),
      };
    case "enable":
      return {
        title: `Enable ${username}?`,
        body: `${username} can sign in again, and API keys they created work again.`,
        confirm: "Enable user",
        pending: "Enabling…",
        tone: "primary",
        request: request(userTargetInput, { username }, (input) => trpc.users.enable.mutate(input).then(() => `${username} can sign in again.`)),
      };
    case "endSessions":
      return {
        title: `Sign ${username} out everywhere?`,
        body: "Their dashboard sessions end and their /api/v1 tokens are revoked. They can sign in again with their password; API keys keep working.",
        confirm: "End sessions",
        pending: "Ending…",
        tone: "danger",
        request: request(userTargetInput, { username }, async (input) => {
          const ended = await trpc.users.endSessions.mutate(input);
          return `${username} was signed out: ${plural(ended.sessions, "session")} and ${plural(ended.tokenFamilies, "API token family")} ended.`;
        }),
      };
    case "setRole":
      return {
        title: `Make ${username} ${action.role === "admin" ? "an" : "a"} ${action.role}?`,
        body: `A ${action.role} ${ROLE_POWERS[action.role]}. The change applies from their next request, and API keys they created never act above it.`,
        confirm: "Change role",
        pending: "Changing…",
        tone: action.role === "admin" ? "danger" : "primary",
        request: request(setRoleInput, { username, role: action.role }, (input) => trpc.users.setRole.mutate(input).then(() => `${username} is now ${action.role === "admin" ? "an" : "a"} ${action.role}.`)),
      };
  }
}

type UserActionDialogProps = { action: ConfirmedUserAction; onCancel: () => void; onDone: (message: string) => void };

/** Mounted per action (give it a key), so its mutation and error belong to that action only. */
export function UserActionDialog({ action, onCancel, onDone }: UserActionDialogProps) {
  const prompt = promptFor(action);
  const { run, pending, error } = useMutation(prompt.request.schema, prompt.request.call);

  async function confirm() {
    const message = await run(prompt.request.input);
    if (message) onDone(message);
  }

  return (
    <ConfirmDialog open title={prompt.title} confirmLabel={prompt.confirm} pendingLabel={prompt.pending} tone={prompt.tone} pending={pending} onConfirm={() => void confirm()} onCancel={onCancel}>
      <p>{prompt.body}</p>
      {error ? (
        <div className="mt-3">
          <Alert tone="error">{error.message}</Alert>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
