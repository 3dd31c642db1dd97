/** Who is signed in. Sign-in and sign-out set cookies or tokens, so they are custom routes of each surface. */
import { z } from "zod";
import { roleSchema } from "../contracts/users";
import { router, viewerProcedure } from "../trpc";

export const authRouter = router({
  me: viewerProcedure
    .meta({ summary: "The signed-in user and role", tag: "Authentication", routes: { spec000: { method: "GET", path: "/auth/me" } } })
    .output(z.object({ username: z.string(), role: roleSchema }))
    .query(({ ctx }) => ({ username: ctx.actor.username, role: ctx.actor.role })),
});
