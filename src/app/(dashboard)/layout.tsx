/** The signed-in frame of every dashboard page: header and main area. */
import { AppHeader } from "@/components/app-header";
import { requireSession } from "@/lib/session";

// Every dashboard page reads the session: never prerender them.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireSession();
  return (
    <div className="min-h-screen">
      <AppHeader actor={actor} />
      <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
    </div>
  );
}
