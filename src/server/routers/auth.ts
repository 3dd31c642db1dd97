/** Who is signed in. Sign-in and sign-out set cookies, so they are REST handlers over src/server/auth. */
import { router, viewerProcedure } from "../trpc";

export const authRouter = router({
  me: viewerProcedure.query(({ ctx }) => ({ username: ctx.actor.username, role: ctx.actor.role })),
});
