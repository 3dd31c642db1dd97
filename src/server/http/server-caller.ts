/** For server components and server actions: the tRPC caller and actor of the current request. */
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "../routers";
import { contextFromHeaders } from "./request-context";

/** One context per request, however many components ask for it. */
export const getRequestContext = cache(async () => contextFromHeaders(await headers()));

export async function getServerCaller() {
  return createCaller(await getRequestContext());
}
