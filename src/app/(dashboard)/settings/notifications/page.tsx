/** Where alerts go (admins): the SMTP and Pushover integrations, alert profiles, and the latest deliveries with their outcome. */
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/session";
import { AlertProfilesPanel } from "./alert-profiles-panel";
import { DeliveriesTable } from "./deliveries-table";
import { PushoverForm } from "./pushover-form";
import { SmtpForm } from "./smtp-form";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const { caller } = await requirePermission("integrations.list");
  const [integrations, alertProfiles, deliveries, scripts] = await Promise.all([caller.integrations.list(), caller.monitoring.alertProfiles(), caller.monitoring.deliveries(), caller.scripts.list()]);
  const smtp = integrations.find((entry) => entry.name === "smtp")!;
  const pushover = integrations.find((entry) => entry.name === "pushover")!;
  return (
    <section className="space-y-5">
      <PageHeader
        title="Notifications"
        description="Monitoring profiles name an alert profile; an alert profile says who hears of an alert (email, Pushover, a signed webhook) and which script, if any, runs to remedy it. Deliveries are retried with growing delays."
      />
      <div className="grid items-start gap-5 lg:grid-cols-2">
        <SmtpForm current={smtp} />
        <PushoverForm current={pushover} />
      </div>
      <AlertProfilesPanel profiles={alertProfiles} scripts={scripts.map((script) => script.name)} />
      <DeliveriesTable
        rows={deliveries.map((delivery) => ({ ...delivery, createdAt: delivery.createdAt.toISOString(), sentAt: delivery.sentAt?.toISOString() ?? null, nextAttemptAt: delivery.nextAttemptAt.toISOString() }))}
      />
    </section>
  );
}
