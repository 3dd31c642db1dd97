/** One script: its editor, version history with four-eyes approval, a run on selected devices, and its latest runs. */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { z } from "zod";
import { scriptIdInput } from "@/server/contracts/scripts";
import { ApprovalBadge, LANGUAGE_LABELS } from "../script-labels";
import { RunPanel } from "./run-panel";
import { RunTable } from "./run-table";
import { ScriptEditor } from "./script-editor";
import { VersionHistory } from "./version-history";

export const metadata: Metadata = { title: "Script" };

export default async function ScriptPage({ params }: { params: Promise<{ scriptId: string }> }) {
  const { actor, caller } = await requirePermission("scripts.get");
  const id = z.coerce.number().pipe(scriptIdInput).safeParse((await params).scriptId);
  if (!id.success) notFound();
  const script = await caller.scripts.get({ scriptId: id.data }).catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const mayEdit = mayCall(actor, "scripts.update");
  const mayRun = mayCall(actor, "scripts.run");
  const devices = mayRun ? (await caller.agents.list({ perPage: 200 })).items.map((agent) => ({ agentId: agent.agentId, name: agent.displayName ?? agent.name, platform: agent.platform, online: agent.status === "online" })) : [];
  return (
    <section>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {script.name} <ApprovalBadge approval={script.approval} />
          </span>
        }
        description={
          <>
            {LANGUAGE_LABELS[script.language]} · version {script.version} by {script.author} · <code className="font-mono text-[11px]">sha256 {script.sha256.slice(0, 12)}…</code>
            {script.description ? ` · ${script.description}` : ""}
          </>
        }
      />
      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="space-y-5">
          <ScriptEditor script={script} editable={mayEdit} />
          {mayRun ? <RunPanel scriptId={script.id} runnable={script.approval !== "pending"} devices={devices} /> : null}
          <RunTable runs={script.runs} />
        </div>
        <VersionHistory script={script} mayApprove={mayEdit} username={actor.username} />
      </div>
    </section>
  );
}
