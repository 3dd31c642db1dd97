/**
 * Alerts: the dashboard's alert centre and Tactical RMM's `/api/v3/alerts/`. Everyone may see the
 * alerts of the agents they may see; acknowledging and resolving is an operator's work.
 */
import { z } from "zod";
import { v3AgentFilter } from "../api/presenters/v3";
import { v3AlertDetail, v3AlertList } from "../api/presenters/v3-alerts";
import type { RouteRequest } from "../api/route-types";
import { numericParam } from "../api/surfaces/list-query";
import { alertCounts as alertCountsSchema, alertIdInput, alertView, listAlertsInput, snoozeAlertInput } from "../contracts/monitoring";
import { acknowledgeAlert, alertCounts, listAlerts, resolveAlert, snoozeAlert } from "../services/alerts";
import { operatorProcedure, router, viewerProcedure } from "../trpc";

const TAG = "Alerts";

/** Tactical RMM posts no body: the alert is the one in the path. */
const byPathId = ({ params }: RouteRequest) => ({ id: numericParam(params.id) });

export const alertsRouter = router({
  list: viewerProcedure
    .meta({ summary: "Alerts, newest first: active (open or acknowledged) by default", tag: TAG, routes: { v3: { method: "GET", path: "/alerts/", ...v3AgentFilter, present: v3AlertList } } })
    .input(listAlertsInput)
    .output(z.array(alertView))
    .query(({ ctx, input }) => listAlerts(ctx.service, input)),
  counts: viewerProcedure
    .meta({ summary: "Active alerts in total, critical ones, and per agent", tag: TAG })
    .output(alertCountsSchema)
    .query(({ ctx }) => alertCounts(ctx.service)),
  acknowledge: operatorProcedure
    .meta({ summary: "Acknowledge an alert: seen, not resolved", tag: TAG, routes: { v3: { method: "POST", path: "/alerts/{id}/acknowledge/", input: byPathId, present: v3AlertDetail } } })
    .input(alertIdInput)
    .output(alertView)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.service, input.id)),
  snooze: operatorProcedure
    .meta({ summary: "Snooze an alert for some minutes (0 ends the snooze): left out of the active counts, still listed", tag: TAG })
    .input(snoozeAlertInput)
    .output(alertView)
    .mutation(({ ctx, input }) => snoozeAlert(ctx.service, input.id, input.minutes)),
  resolve: operatorProcedure
    .meta({ summary: "Resolve an alert; it is raised again if its condition persists", tag: TAG, routes: { v3: { method: "POST", path: "/alerts/{id}/resolve/", input: byPathId, present: v3AlertDetail } } })
    .input(alertIdInput)
    .output(alertView)
    .mutation(({ ctx, input }) => resolveAlert(ctx.service, input.id)),
});
