/** The application router: every operation of the product, by domain. */
import { createCallerFactory, router } from "../trpc";
import { accountRouter } from "./account";
import { auditRouter } from "./audit";
import { authRouter } from "./auth";
import { agentsRouter } from "./agents";
import { apiKeysRouter } from "./api-keys";
import { clientsRouter, sitesRouter } from "./clients";
import { deploymentsRouter } from "./deployments";
import { enrollmentRouter } from "./enrollment";
import { filesRouter } from "./files";
import { groupsRouter } from "./groups";
import { processesRouter } from "./processes";
import { servicesRouter } from "./services";
import { systemHealthRouter } from "./system-health";
import { usersRouter } from "./users";

export const appRouter = router({
  account: accountRouter,
  agents: agentsRouter,
  apiKeys: apiKeysRouter,
  auth: authRouter,
  audit: auditRouter,
  clients: clientsRouter,
  deployments: deploymentsRouter,
  enrollment: enrollmentRouter,
  files: filesRouter,
  groups: groupsRouter,
  processes: processesRouter,
  services: servicesRouter,
  sites: sitesRouter,
  systemHealth: systemHealthRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
