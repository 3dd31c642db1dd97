/**
 * The REST adapter: a documented path is a thin handler that builds the same context as tRPC and
 * calls the same procedure through a server-side caller. Validation, role checks and side
 * effects therefore live in exactly one place.
 */
import { contextFromHeaders } from "../http/request-context";
import { createCaller } from "../routers";
import { errorJson, errorResponse, json, readJsonBody } from "./responses";

type Caller = ReturnType<typeof createCaller>;
/** The body as received; the procedure's zod schema validates it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Unvalidated = any;
/** Path parameters as Next passes them; the procedure validates them like the body. */
type RouteParams = Record<string, Unvalidated>;

type Run = (caller: Caller, input: { body: Unvalidated; params: RouteParams; query: URLSearchParams }) => Promise<unknown>;

/**
 * `body: true` passes the parsed JSON as it is; `body: "object"` also requires a JSON object (or no
 * body at all), for routes that merge path parameters into it.
 */
export function restRoute(run: Run, options: { body?: true | "object"; status?: number } = {}) {
  return async (request: Request, route?: { params: Promise<RouteParams> }): Promise<Response> => {
    try {
      let body: unknown;
      if (options.body) {
        const parsed = await readJsonBody(request);
        if (!parsed.ok) return parsed.response;
        body = parsed.body;
        if (options.body === "object") {
          if (body === undefined) body = {};
          else if (typeof body !== "object" || body === null || Array.isArray(body)) return errorJson(400, "Invalid request", [{ field: "body", message: "must be a JSON object" }]);
        }
      }
      const caller = createCaller(await contextFromHeaders(request.headers));
      const params = (await route?.params) ?? {};
      const result = await run(caller, { body, params, query: new URL(request.url).searchParams });
      return json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
