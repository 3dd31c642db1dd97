/**
 * For dashboard server components: the signed-in actor and a tRPC caller, or a redirect to the
 * sign-in page. Every page calls it, not only the layout, because Next renders a layout and its
 * page concurrently: a page relying on the layout's redirect would still run its queries
 * without a session and log an UNAUTHORIZED error for every expired session.
 */
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { mayCall, refusal } from "@/server/auth/permissions";
import type { Role } from "@/server/auth/roles";
import { createCaller } from "@/server/routers";
import { getRequestContext } from "@/server/http/server-caller";

export async function requireSession() {
  const context = await getRequestContext();
  if (!context.actor) redirect("/sign-in");
  return { actor: context.actor, caller: createCaller(context) };
}

/**
 * For a page only some roles may open (the role of the procedure it shows): the session, or
 * Next's forbidden(), which answers 403 with (dashboard)/forbidden.tsx. The status can be set
 * only before the response starts: a page calls this first thing, outside any Suspense boundary
 * (hence no loading.tsx above such a page; see (dashboard)/layout.tsx).
 */
export async function requirePermission(procedurePath: string) {
  const session = await requireSession();
  if (!mayCall(session.actor, procedurePath)) {
    Object.assign(pageRefusal(), refusal(session.actor, procedurePath));
    forbidden();
  }
  return session;
}

/** Why this request's page was refused (the role, and whether it needs every client): forbidden.tsx is rendered without props. */
export const pageRefusal = cache((): { requiredRole?: Role; allClients?: boolean } => ({}));
