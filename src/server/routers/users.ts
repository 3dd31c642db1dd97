/** Dashboard user administration (admin only). */
import { createUserInput } from "../contracts/users";
import { createUser, listUsers } from "../services/users";
import { adminProcedure, router } from "../trpc";

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input, ctx.clientIp)),
});
