"use client";
/**
 * Where the device belongs: its client and site, and its free-form tags. Operators move it to
 * another site and edit its tags here; others see the same facts, read-only.
 */
import { type FormEvent } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { Card, Fact, FactList } from "@/components/fact-card";
import { controlProps } from "@/components/field";
import { FormErrorSummary } from "@/components/form-error-summary";
import { SiteSelect } from "@/components/site-select";
import type { TenantOption } from "@/components/tenant-options";
import { trpc } from "@/lib/trpc-client";
import { useMutation } from "@/lib/use-mutation";
import { moveAgentsInput, setTagsInput, type AgentRecord } from "@/server/contracts/agents";

/** Tags as typed: separated by commas. */
const parseTags = (text: string) => text.split(",").filter((tag) => tag.trim() !== "");

function MoveForm({ agent, clients }: { agent: AgentRecord; clients: TenantOption[] }) {
  const { run, pending, error } = useMutation(moveAgentsInput, (input: { agentIds: string[]; siteId: number }) => trpc.agents.moveToSite.mutate(input));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run({ agentIds: [agent.agentId], siteId: Number(new FormData(event.currentTarget).get("siteId") ?? 0) });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-1.5" aria-label="Move to site">
      <div className="flex gap-2">
        <SiteSelect key={agent.site.id} clients={clients} defaultValue={agent.site.id} aria-label="Site" {...controlProps("device-site", error?.fields.siteId)} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Moving…" : "Move"}
        </Button>
      </div>
      <FormErrorSummary error={error} fields={[]} />
    </form>
  );
}

function TagsForm({ agent }: { agent: AgentRecord }) {
  const { run, pending, error } = useMutation(setTagsInput, (input: { agentId: string; tags: string[] }) => trpc.agents.setTags.mutate(input));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run({ agentId: agent.agentId, tags: parseTags(String(new FormData(event.currentTarget).get("tags") ?? "")) });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-1.5" aria-label="Tags">
      <div className="flex gap-2">
        <input name="tags" key={agent.tags.join(",")} defaultValue={agent.tags.join(", ")} placeholder="e.g. kiosk, front desk" aria-label="Tags, separated by commas" autoComplete="off" {...controlProps("device-tags", error?.fields.tags)} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
      <FormErrorSummary error={error} fields={[]} />
    </form>
  );
}

export function PlacementCard({ agent, clients, canChange }: { agent: AgentRecord; clients: TenantOption[]; canChange: boolean }) {
  return (
    <Card title="Placement">
      <FactList>
        <Fact label="Client">{agent.client.name}</Fact>
        <Fact label="Site">{canChange ? <MoveForm agent={agent} clients={clients} /> : agent.site.name}</Fact>
        <Fact label="Tags">
          {canChange ? (
            <TagsForm agent={agent} />
          ) : agent.tags.length > 0 ? (
            <span className="flex flex-wrap gap-1">
              {agent.tags.map((tag) => (
                <Badge key={tag} tone="neutral">
                  {tag}
                </Badge>
              ))}
            </span>
          ) : null}
        </Fact>
      </FactList>
    </Card>
  );
}
