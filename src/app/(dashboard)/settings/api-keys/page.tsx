/** API keys (admins): what lets integrations call the APIs, with which role, who made it, and until when. */
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyForm } from "./create-api-key-form";

export const metadata: Metadata = { title: "API keys" };

const CODE = "font-mono text-[12px] text-slate-700";

export default async function ApiKeysPage() {
  const { actor, caller } = await requirePermission("apiKeys.list");
  const [keys, { items: clients }] = await Promise.all([caller.apiKeys.list(), caller.clients.list()]);
  const clientNames = clients.map(({ id, name }) => ({ id, name }));
  return (
    <section>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let integrations call <code className={CODE}>/api/v3</code> with the header <code className={CODE}>X-API-KEY</code>; <code className={CODE}>/api/v1</code> and{" "}
            <code className={CODE}>/api/agents</code> accept them too. A key never has more rights than the person who created it, and may be limited to some clients. See the{" "}
            {/* A plain link: the documentation is served by a route handler, not a dashboard page. */}
            <a href="/docs" className="font-medium text-sky-700 hover:underline">
              API documentation
            </a>
            .
          </>
        }
      />
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        {keys.length > 0 ? (
          <ApiKeysTable rows={keys} clients={clientNames} />
        ) : (
          <EmptyState title="No API keys yet">
            <p>Create a key with the form on this page for each integration (a script, a monitoring system, a PSA), so that each can be revoked on its own and the audit log shows which one acted.</p>
            <p className="mt-2">Give it the lowest role that does the job: viewer to read, operator to act on devices.</p>
          </EmptyState>
        )}
        <CreateApiKeyForm maxRole={actor.role} clients={clientNames} />
      </div>
    </section>
  );
}
