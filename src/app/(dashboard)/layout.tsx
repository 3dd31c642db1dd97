import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { getRequestContext } from "@/server/http/server-caller";

// Every dashboard page reads the session: never prerender them.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await getRequestContext();
  if (!actor) redirect("/sign-in");
  return (
    <div className="min-h-screen">
      <AppHeader username={actor.username} role={actor.role} />
      <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
    </div>
  );
}
