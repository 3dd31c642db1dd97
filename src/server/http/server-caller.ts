/** For server components and server actions: the request context (actor, database) of the current request. */
import { headers } from "next/headers";
import { cache } from "react";
import { contextFromHeaders } from "./request-context";

/** One context per request, however many components ask for it. */
export const getRequestContext = cache(async () => contextFromHeaders(await headers()));
