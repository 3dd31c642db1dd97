/** The application router: every operation of the product, by domain. */
import { createCallerFactory, router } from "../trpc";
import { accountRouter } from "./account";
import { auditRouter } from "./audit";
import { authRouter } from "./auth";
import { agentsRouter } from "./agents";
import { chatRouter } from "./chat";
import { checksRouter } from "./checks";
import { alertsRouter } from "./alerts";
import { apiKeysRouter } from "./api-keys";
import { clientsRouter, sitesRouter } from "./clients";
import { deploymentsRouter } from "./deployments";
import { enrollmentRouter } from "./enrollment";
import { filesRouter } from "./files";
import { groupsRouter } from "./groups";
import { integrationsRouter } from "./integrations";
import { metricsRouter } from "./metrics";
import { monitoringRouter } from "./monitoring";
import { processesRouter } from "./processes";
import { scriptsRouter } from "./scripts";
import { servicesRouter } from "./services";
import { shellRouter } from "./shell";
import { streamsRouter } from "./streams";
import { systemHealthRouter } from "./system-health";
import { tasksRouter } from "./tasks";
import { usersRouter } from "./users";

export const appRouter = router({
  account: accountRouter,
  agents: agentsRouter,
  alerts: alertsRouter,
  apiKeys: apiKeysRouter,
  auth: authRouter,
  chat: chatRouter,
  checks: checksRouter,
  audit: auditRouter,
  clients: clientsRouter,
  deployments: deploymentsRouter,
  enrollment: enrollmentRouter,
  files: filesRouter,
  groups: groupsRouter,
  integrations: integrationsRouter,
  metrics: metricsRouter,
  monitoring: monitoringRouter,
  processes: processesRouter,
  scripts: scriptsRouter,
  services: servicesRouter,
  tasks: tasksRouter,
  shell: shellRouter,
  sites: sitesRouter,
  streams: streamsRouter,
  systemHealth: systemHealthRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
