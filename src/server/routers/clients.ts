/** The agent list. */
import { listClients } from "../services/clients";
import { router, viewerProcedure } from "../trpc";

export const clientsRouter = router({
  list: viewerProcedure.query(({ ctx }) => listClients(ctx.db)),
});
