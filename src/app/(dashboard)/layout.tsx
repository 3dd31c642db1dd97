/** The signed-in frame of every dashboard page: header and main area. */
import { AppHeader } from "@/components/app-header";
import { MonitoringLive } from "@/components/monitoring-live";
import { requireSession } from "@/lib/session";
import { mayCall } from "@/server/auth/permissions";

// Every dashboard page reads the session: never prerender them.
export const dynamic = "force-dynamic";

// There is deliberately no loading.tsx in the dashboard: its Suspense boundary would start every
// response with 200 before the page runs, and pages answer 404 (an unknown device) and 403 (a
// role too low, requirePermission) themselves, which browsers and monitoring probes must see.

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { actor, caller } = await requireSession();
  const alerts = mayCall(actor, "alerts.counts") ? await caller.alerts.counts() : null;
  return (
    <div className="min-h-screen">
      <MonitoringLive />
      <AppHeader actor={actor} activeAlerts={alerts ? { open: alerts.open, critical: alerts.critical } : null} />
      <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
    </div>
  );
}
