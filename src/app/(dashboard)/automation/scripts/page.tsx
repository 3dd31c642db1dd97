/** The script library: every script with its language, current version and approval state; versions awaiting a second admin first. */
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";
import { CreateScriptForm } from "./create-script-form";
import { PendingApprovals } from "./pending-approvals";
import { ScriptsTable } from "./scripts-table";

export const metadata: Metadata = { title: "Scripts" };

export default async function ScriptsPage() {
  const { actor, caller } = await requirePermission("scripts.list");
  const scripts = await caller.scripts.list();
  const pending = scripts.filter((script) => script.approval === "pending");
  const mayCreate = mayCall(actor, "scripts.create");
  return (
    <section>
      <PageHeader
        title="Scripts"
        description="PowerShell, Python, bash and cmd scripts to run on devices. Every change of content is a new version; a script that requires approval runs only once an admin other than the author approved its version."
      />
      <div className={mayCreate ? "grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]" : ""}>
        <div className="space-y-5">
          {pending.length > 0 ? <PendingApprovals scripts={pending} /> : null}
          {scripts.length > 0 ? (
            <ScriptsTable rows={scripts} />
          ) : (
            <EmptyState title="No scripts yet">
              <p>{mayCreate ? "Add a script with the form on this page; you can then run it on selected devices and see each device's exit code and output." : "An admin adds scripts; you will see them here."}</p>
            </EmptyState>
          )}
        </div>
        {mayCreate ? <CreateScriptForm /> : null}
      </div>
    </section>
  );
}
