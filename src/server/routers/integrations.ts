/**
 * The notification integrations (specification 001 `/api/v1/integrations/`): SMTP for alert email
 * and Pushover. Admin only: they hold credentials and send data out of the product.
 */
import { z } from "zod";
import { integrationView, pushoverSettingsInput, smtpSettingsInput } from "../contracts/integrations";
import { listIntegrations, updatePushover, updateSmtp } from "../services/integrations";
import { adminProcedure, router } from "../trpc";

const TAG = "Integrations";

export const integrationsRouter = router({
  list: adminProcedure
    .meta({ summary: "The integrations and their settings (secrets are never answered, only whether one is set)", tag: TAG, allClients: true, routes: { v1: { method: "GET", path: "/integrations/" } } })
    .output(z.array(integrationView))
    .query(({ ctx }) => listIntegrations(ctx.db)),
  updateSmtp: adminProcedure
    .meta({ summary: "Configure SMTP for alert email (the password is kept when left out)", tag: TAG, allClients: true, routes: { v1: { method: "PUT", path: "/integrations/smtp" } } })
    .input(smtpSettingsInput)
    .output(integrationView)
    .mutation(({ ctx, input }) => updateSmtp(ctx.service, input)),
  updatePushover: adminProcedure
    .meta({ summary: "Configure Pushover (the application token is kept when left out)", tag: TAG, allClients: true, routes: { v1: { method: "PUT", path: "/integrations/pushover" } } })
    .input(pushoverSettingsInput)
    .output(integrationView)
    .mutation(({ ctx, input }) => updatePushover(ctx.service, input)),
});
