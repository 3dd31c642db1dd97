/** Dashboard user administration (admin only). */
import { z } from "zod";
import { createUserInput, userSummary } from "../contracts/users";
import { createUser, listUsers } from "../services/users";
import { adminProcedure, router } from "../trpc";

const TAG = "Users";

export const usersRouter = router({
  list: adminProcedure
    .meta({
      summary: "Dashboard users (never their secrets)",
      tag: TAG,
      routes: { spec000: { method: "GET", path: "/users", present: { schema: z.object({ users: z.array(userSummary) }), present: (users: unknown[]) => ({ users }) } } },
    })
    .output(z.array(userSummary))
    .query(({ ctx }) => listUsers(ctx.service)),
  create: adminProcedure
    .meta({ summary: "Create a user; a TOTP secret is returned once", tag: TAG, routes: { spec000: { method: "POST", path: "/users", status: 201 } } })
    .input(createUserInput)
    .output(userSummary.extend({ totpSecret: z.string().optional(), otpauthUri: z.string().optional() }))
    .mutation(({ ctx, input }) => createUser(ctx.service, input)),
});
