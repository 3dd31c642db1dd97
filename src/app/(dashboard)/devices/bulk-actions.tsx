"use client";
/**
 * What technicians do to the selected devices at once: move them to a site, put them in a group,
 * add or remove a tag, restart or shut them down, remove them. Each action is one server call over all of them (all or
 * none, audited per device); each asks in a dialog first, and the bar then says what happened.
 * Power actions report per device instead (offline ones are skipped, not refused).
 * Later capabilities add their bulk actions to BULK_ACTIONS.
 */
import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { ZodType } from "zod";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { FormErrorSummary } from "@/components/form-error-summary";
import { Modal, ModalFooter } from "@/components/modal";
import { SiteSelect } from "@/components/site-select";
import type { TenantOption } from "@/components/tenant-options";
import { DEVICE_ACTION_TEXT, summarizeActionMany } from "@/lib/device-actions";
import { countLabel } from "@/lib/table-rows";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { agentIdsInput, moveAgentsInput, tagAgentsInput } from "@/server/contracts/agents";
import { invokeActionManyInput } from "@/server/contracts/device-actions";
import { assignGroupManyInput } from "@/server/contracts/groups";
import { z } from "zod";

export type BulkContext = { clients: TenantOption[]; groups: string[] };

type BulkAction<Input> = {
  id: string;
  label: string;
  role: "operator" | "admin";
  tone: "primary" | "danger";
  title: (devices: string) => string;
  fields?: (context: BulkContext) => ReactNode;
  schema: ZodType<unknown, Input>;
  input: (agentIds: string[], form: FormData) => Input;
  run: (input: Input) => Promise<string>;
};

const devices = (count: number) => countLabel(count, "devices");
const tagInput = (form: FormData) => String(form.get("tag") ?? "");

function defineAction<Input>(action: BulkAction<Input>) {
  return action as unknown as BulkAction<unknown>;
}

/** Restart or shut down the selected devices: sent to the online ones, the rest named as skipped. */
function powerAction(action: "restart" | "shutdown") {
  const text = DEVICE_ACTION_TEXT[action];
  return defineAction({
    id: action,
    label: text.label,
    role: "operator",
    tone: "danger",
    title: (selected) => `${text.verb} ${selected}?`,
    fields: () => <p className="text-[13px] text-slate-600">{text.explain} Offline devices are skipped.</p>,
    schema: invokeActionManyInput,
    input: (agentIds) => ({ agentIds, action }),
    run: async (input: z.input<typeof invokeActionManyInput>) => summarizeActionMany(await trpc.agents.invokeActionMany.mutate(input)),
  });
}

const BULK_ACTIONS: BulkAction<unknown>[] = [
  defineAction({
    id: "move",
    label: "Move to site",
    role: "operator",
    tone: "primary",
    title: (selected) => `Move ${selected} to a site`,
    fields: ({ clients }) => (
      <Field id="bulk-site" label="Site">
        <SiteSelect clients={clients} {...controlProps("bulk-site")} />
      </Field>
    ),
    schema: moveAgentsInput,
    input: (agentIds, form) => ({ agentIds, siteId: Number(form.get("siteId") || 0) }),
    run: async (input: z.input<typeof moveAgentsInput>) => {
      const moved = await trpc.agents.moveToSite.mutate(input);
      return `Moved ${devices(moved.moved)} to ${moved.client.name} / ${moved.site.name}.`;
    },
  }),
  defineAction({
    id: "group",
    label: "Set group",
    role: "operator",
    tone: "primary",
    title: (selected) => `Put ${selected} in a group`,
    fields: ({ groups }) => (
      <Field id="bulk-group" label="Group" hint="An existing group, or a new name to create it.">
        <input name="group" list="bulk-group-names" autoComplete="off" {...controlProps("bulk-group")} />
        <datalist id="bulk-group-names">
          {groups.map((group) => (
            <option key={group} value={group} />
          ))}
        </datalist>
      </Field>
    ),
    schema: assignGroupManyInput,
    input: (agentIds, form) => ({ agentIds, group: String(form.get("group") ?? "") }),
    run: async (input: z.input<typeof assignGroupManyInput>) => {
      const result = await trpc.groups.assignMany.mutate(input);
      return `${devices(result.changed)} moved to group ${result.group}.`;
    },
  }),
  defineAction({
    id: "tag",
    label: "Add tag",
    role: "operator",
    tone: "primary",
    title: (selected) => `Add a tag to ${selected}`,
    fields: () => (
      <Field id="bulk-tag" label="Tag">
        <input name="tag" autoComplete="off" {...controlProps("bulk-tag")} />
      </Field>
    ),
    schema: tagAgentsInput,
    input: (agentIds, form) => ({ agentIds, add: [tagInput(form)] }),
    run: async (input: z.input<typeof tagAgentsInput>) => `Tag added; ${devices((await trpc.agents.tag.mutate(input)).changed)} changed.`,
  }),
  defineAction({
    id: "untag",
    label: "Remove tag",
    role: "operator",
    tone: "primary",
    title: (selected) => `Remove a tag from ${selected}`,
    fields: () => (
      <Field id="bulk-untag" label="Tag">
        <input name="tag" autoComplete="off" {...controlProps("bulk-untag")} />
      </Field>
    ),
    schema: tagAgentsInput,
    input: (agentIds, form) => ({ agentIds, remove: [tagInput(form)] }),
    run: async (input: z.input<typeof tagAgentsInput>) => `Tag removed; ${devices((await trpc.agents.tag.mutate(input)).changed)} changed.`,
  }),
  powerAction("restart"),
  powerAction("shutdown"),
  defineAction({
    id: "remove",
    label: "Remove",
    role: "admin",
    tone: "danger",
    title: (selected) => `Remove ${selected}?`,
    fields: () => <p className="text-[13px] text-slate-600">Their agents are revoked and disconnected at once, and the devices leave this list. Their history stays in the audit log.</p>,
    schema: z.strictObject({ agentIds: agentIdsInput }),
    input: (agentIds) => ({ agentIds }),
    run: async (input: { agentIds: string[] }) => `Removed ${devices((await trpc.agents.removeMany.mutate(input)).removed)}.`,
  }),
];

function BulkDialog({ action, agentIds, context, onClose, onDone }: { action: BulkAction<unknown>; agentIds: string[]; context: BulkContext; onClose: () => void; onDone: (message: string) => void }) {
  const titleId = useId();
  const { run, pending, error } = useMutation(action.schema, action.run);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const message = await run(action.input(agentIds, new FormData(event.currentTarget)));
    if (message !== null) onDone(message);
  }
  return (
    <Modal open onClose={onClose} labelledBy={titleId}>
      <form onSubmit={submit} noValidate>
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {action.title(devices(agentIds.length))}
          </h2>
          {action.fields?.(context)}
          <FormErrorSummary error={error} fields={[]} />
        </div>
        <ModalFooter>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant={action.tone} disabled={pending}>
            {pending ? "Working…" : action.label}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}

type BulkBarProps = { selected: string[]; role: "viewer" | "operator" | "admin"; context: BulkContext; onClear: () => void };

export function BulkBar({ selected, role, context, onClear }: BulkBarProps) {
  const [open, setOpen] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const allowed = BULK_ACTIONS.filter((action) => role === "admin" || (role === "operator" && action.role === "operator"));
  const action = allowed.find((candidate) => candidate.id === open);
  if (selected.length === 0) {
    return result ? (
      <p role="status" className="mb-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-1.5 text-[13px] text-emerald-800">
        {result}
      </p>
    ) : null;
  }
  return (
    <div role="toolbar" aria-label="Selected devices" className="mb-2 flex flex-wrap items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-1.5">
      <span className="text-[13px] font-medium text-sky-900 tabular-nums">{devices(selected.length)} selected</span>
      <Button variant="ghost" size="sm" onClick={onClear}>
        Clear
      </Button>
      <span className="ml-auto flex flex-wrap gap-2">
        {allowed.map((candidate) => (
          <Button key={candidate.id} variant={candidate.tone === "danger" ? "ghost-danger" : "secondary"} size="sm" onClick={() => setOpen(candidate.id)}>
            {candidate.label}…
          </Button>
        ))}
        {allowed.length === 0 ? <span className="text-xs text-slate-500">Changing devices needs the operator role.</span> : null}
      </span>
      {action ? (
        <BulkDialog
          action={action}
          agentIds={selected}
          context={context}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            setResult(message);
            onClear();
          }}
        />
      ) : null}
    </div>
  );
}
