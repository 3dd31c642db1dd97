"use client";
/** Moves a device between the pilot and the general self-update ring (admins). */
import { Alert } from "@/components/alert";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { AGENT_UPDATE_RINGS, agentRef, setUpdateRingInput, type AgentUpdateRing } from "@/server/contracts/agents";

const input = agentRef.extend(setUpdateRingInput.shape);
const LABELS: Record<AgentUpdateRing, string> = { pilot: "Pilot (updates first)", general: "General" };

export function UpdateRingSelect({ agentId, ring }: { agentId: string; ring: AgentUpdateRing }) {
  const { run, pending, error } = useMutation(input, (value: { agentId: string; ring: AgentUpdateRing }) => trpc.agents.setUpdateRing.mutate(value));
  return (
    <>
      <select
        aria-label="Update ring"
        value={ring}
        disabled={pending}
        onChange={(event) => void run({ agentId, ring: event.target.value as AgentUpdateRing })}
        className="h-6 rounded border border-slate-300 bg-white px-1 text-xs text-slate-800 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/25 focus:outline-none"
      >
        {AGENT_UPDATE_RINGS.map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
    </>
  );
}
