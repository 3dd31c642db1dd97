/**
 * Monitoring profiles, alert profiles and the monitoring event history (specification 000,
 * "Monitoring & alerting"). Creating and assigning profiles changes what alerts a fleet raises:
 * operator, where the specification says viewer; an alert profile sends data out of the product
 * (email, webhooks): admin (docs/compat.md).
 */
import { z } from "zod";
import {
  alertProfile,
  assignMonitoringProfileInput,
  createAlertProfileInput,
  createdAlertProfile,
  createMonitoringProfileInput,
  monitoringHistoryEntry,
  monitoringHistoryInput,
  monitoringProfile,
  monitoringProfileIdInput,
  notificationDelivery,
} from "../contracts/monitoring";
import { monitoringHistory } from "../services/monitoring-history";
import { listDeliveries } from "../services/notification-deliveries";
import { assignMonitoringProfile, createAlertProfile, createMonitoringProfile, deleteMonitoringProfile, listAlertProfiles, listMonitoringProfiles } from "../services/monitoring-profiles";
import { adminProcedure, operatorProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Monitoring";

export const monitoringRouter = router({
  profiles: viewerProcedure
    .meta({ summary: "Monitoring profiles with their rules and assignments", tag: TAG, routes: { spec000: { method: "GET", path: "/monitoring/profiles" } } })
    .output(z.array(monitoringProfile))
    .query(({ ctx }) => listMonitoringProfiles(ctx.service)),
  createProfile: operatorProcedure
    .meta({ summary: "Create a monitoring profile: threshold rules averaged over a window", tag: TAG, routes: { spec000: { method: "POST", path: "/monitoring/profiles", status: 201 } } })
    .input(createMonitoringProfileInput)
    .output(monitoringProfile)
    .mutation(({ ctx, input }) => createMonitoringProfile(ctx.service, input)),
  assignProfile: operatorProcedure
    .meta({ summary: "Assign a profile to an agent or a group; the agents concerned are told (monitoring-status)", tag: TAG, routes: { spec000: { method: "POST", path: "/monitoring/profiles/{id}/assign" } } })
    .input(assignMonitoringProfileInput)
    .output(monitoringProfile)
    .mutation(({ ctx, input }) => assignMonitoringProfile(ctx.service, input)),
  deleteProfile: operatorProcedure
    .meta({ summary: "Delete a profile; its open alerts are closed", tag: TAG, routes: { spec000: { method: "DELETE", path: "/monitoring/profiles/{id}", status: 204 } } })
    .input(monitoringProfileIdInput)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteMonitoringProfile(ctx.service, input.id)),
  alertProfiles: viewerProcedure
    .meta({ summary: "Alert profiles: where a profile's alerts go (email, dashboard, remediation script)", tag: TAG, routes: { spec000: { method: "GET", path: "/alert-profiles" } } })
    .output(z.array(alertProfile))
    .query(({ ctx }) => listAlertProfiles(ctx.db)),
  createAlertProfile: adminProcedure
    .meta({ summary: "Create an alert profile: email addresses, Pushover, a signed webhook (its signing key is answered once)", tag: TAG, routes: { spec000: { method: "POST", path: "/alert-profiles", status: 201 } } })
    .input(createAlertProfileInput)
    .output(createdAlertProfile)
    .mutation(({ ctx, input }) => createAlertProfile(ctx.service, input)),
  deliveries: adminProcedure
    .meta({ summary: "The latest notification deliveries (email, Pushover, webhooks) with their status and last error", tag: TAG, allClients: true })
    .output(z.array(notificationDelivery))
    .query(({ ctx }) => listDeliveries(ctx.db)),
  history: viewerProcedure
    .meta({ summary: "The latest monitoring events, oldest first (also live as SSE on /monitoring/events)", tag: TAG, routes: { spec000: { method: "GET", path: "/monitoring/events/history" } } })
    .input(monitoringHistoryInput)
    .output(z.array(monitoringHistoryEntry))
    .query(({ ctx, input }) => monitoringHistory(ctx.service, input)),
});
