/** Dashboard users (admin only): who can sign in, with which role, whether TOTP protects them, and controls to change that. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { CreateUserForm } from "./create-user-form";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { actor, caller } = await requirePermission("users.list");
  const [users, { items: clients }] = await Promise.all([caller.users.list(), caller.clients.list()]);
  const clientNames = clients.map(({ id, name }) => ({ id, name }));
  return (
    <section>
      <PageHeader title="Users" description="People who can sign in to this dashboard. Viewers can look, operators can act on devices, admins also manage users. Each sees every client's devices, or only some clients'. Every change here is in the audit log." />
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <UsersTable users={users} currentUsername={actor.username} clients={clientNames} />
        <CreateUserForm clients={clientNames} />
      </div>
    </section>
  );
}
