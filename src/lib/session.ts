/**
 * For dashboard server components: the signed-in actor and a tRPC caller, or a redirect to the
 * sign-in page. Every page calls it, not only the layout, because Next renders a layout and its
 * page concurrently: a page relying on the layout's redirect would still run its queries
 * without a session and log an UNAUTHORIZED error for every expired session.
 */
import { redirect } from "next/navigation";
import { createCaller } from "@/server/routers";
import { getRequestContext } from "@/server/http/server-caller";

export async function requireSession() {
  const context = await getRequestContext();
  if (!context.actor) redirect("/sign-in");
  return { actor: context.actor, caller: createCaller(context) };
}
