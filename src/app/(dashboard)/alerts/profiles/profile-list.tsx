"use client";
/** The monitoring profiles: their rules in words, where they apply, and (operators) assign and delete. */
import { useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { assignMonitoringProfileInput, monitoringProfileIdInput, type MonitoringProfile } from "@/server/contracts/monitoring";
import { METRIC_LABELS } from "@/server/monitoring/metrics";

const COMPARISON_SIGNS: Record<string, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<" };
const SELECT = "h-7 rounded-md border border-slate-300 bg-white px-2 text-xs shadow-sm";

function ruleText(rule: MonitoringProfile["rules"][number]): string {
  const { label, unit } = METRIC_LABELS[rule.metric];
  const over = rule.windowSeconds === 0 ? "latest sample" : `${rule.windowSeconds} s average`;
  return `${label} ${COMPARISON_SIGNS[rule.comparison]} ${rule.threshold}${unit === "%" ? "%" : ` ${unit}`} (${over}, ${rule.severity})`;
}

type Target = { id: string; name: string };

function AssignForm({ profile, agents, groups }: { profile: MonitoringProfile; agents: Target[]; groups: string[] }) {
  const { run, pending, error } = useMutation(assignMonitoringProfileInput, (input: Parameters<typeof trpc.monitoring.assignProfile.mutate>[0]) => trpc.monitoring.assignProfile.mutate(input));
  const [target, setTarget] = useState("");
  return (
    <form
      className="flex flex-wrap items-center gap-1.5"
      aria-label={`Assign ${profile.name}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const [targetType, targetId] = target.split(":", 2) as ["agent" | "group", string];
        if (targetId && (await run({ id: profile.id, targetType, targetId }))) setTarget("");
      }}
    >
      <select aria-label={`Assign ${profile.name} to`} className={SELECT} value={target} onChange={(event) => setTarget(event.target.value)}>
        <option value="">Assign to…</option>
        <optgroup label="Groups">
          {groups.map((group) => (
            <option key={group} value={`group:${group}`}>
              {group}
            </option>
          ))}
        </optgroup>
        <optgroup label="Devices">
          {agents.map((agent) => (
            <option key={agent.id} value={`agent:${agent.id}`}>
              {agent.name}
            </option>
          ))}
        </optgroup>
      </select>
      <Button type="submit" size="xs" variant="secondary" disabled={!target || pending}>
        {pending ? "Assigning…" : "Assign"}
      </Button>
      {error ? <span className="text-xs text-red-600">{error.message}</span> : null}
    </form>
  );
}

export function ProfileList({ profiles, agents, groups, canEdit }: { profiles: MonitoringProfile[]; agents: Target[]; groups: string[]; canEdit: boolean }) {
  const remove = useMutation(monitoringProfileIdInput, (input: { id: string }) => trpc.monitoring.deleteProfile.mutate(input));
  const [deleting, setDeleting] = useState<MonitoringProfile | null>(null);
  const agentName = (id: string) => agents.find((agent) => agent.id === id)?.name ?? id;

  if (profiles.length === 0) {
    return <EmptyState title="No monitoring profiles yet">{canEdit ? "Create one on the right, then assign it to a group or a device." : "An operator creates profiles and assigns them to devices or groups."}</EmptyState>;
  }
  return (
    <div className="space-y-3">
      {remove.error ? <Alert tone="error">{remove.error.message}</Alert> : null}
      {profiles.map((profile) => (
        <article key={profile.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="monitoring-profile">
          <header className="flex items-start justify-between gap-3">
            <div>
              <h2 className="text-[13px] font-semibold text-slate-900">{profile.name}</h2>
              {profile.description ? <p className="text-xs text-slate-500">{profile.description}</p> : null}
            </div>
            {canEdit ? (
              <Button size="xs" variant="ghost-danger" onClick={() => setDeleting(profile)} aria-label={`Delete ${profile.name}`}>
                Delete
              </Button>
            ) : null}
          </header>
          <ul className="mt-2 space-y-0.5 text-[13px] text-slate-700">
            {profile.rules.map((rule) => (
              <li key={rule.id}>{ruleText(rule)}</li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-500">
            Applies to:{" "}
            {profile.assignedGroups.length + profile.assignedAgents.length === 0 ? (
              <span className="text-amber-700">nothing yet</span>
            ) : (
              [...profile.assignedGroups.map((group) => `group ${group}`), ...profile.assignedAgents.map(agentName)].join(", ")
            )}
          </p>
          {canEdit ? (
            <div className="mt-2">
              <AssignForm profile={profile} agents={agents} groups={groups} />
            </div>
          ) : null}
        </article>
      ))}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete profile ${deleting?.name ?? ""}?`}
        confirmLabel="Delete profile"
        pending={remove.pending}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting && (await remove.run({ id: deleting.id })) !== null) setDeleting(null);
        }}
      >
        Its rules stop being evaluated and its open alerts are closed. Devices keep their other profiles.
      </ConfirmDialog>
    </div>
  );
}
