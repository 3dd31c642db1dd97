/**
 * The checks the web server applies to every request before Next sees it, as pure functions:
 * the client address (with `TRUST_PROXY`, the entry the trusted proxy appended, never one a
 * client could forge), the origin check on state-changing requests, and the body limit of the
 * path (body-limits.ts: a declared length over it is a 413 before a byte of the body is read; a
 * body without a declared length is refused, since it could not be capped before it reaches a handler).
 */
import { errorBodyForPath } from "../api/error-shapes";
import type { ApiFailure } from "../api/failure";
import { bodyLimitFor, type UploadLimits } from "./body-limits";
import { checkOrigin } from "./origin-check";

export type RequestFacts = {
  method: string;
  pathname: string;
  headers: Record<string, string | string[] | undefined>;
  socketAddress: string | undefined;
};

export type Refusal = { status: number; body: unknown };

const header = (headers: RequestFacts["headers"], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

/**
 * A proxy appends the address it saw to X-Forwarded-For, so with one trusted proxy in front the
 * rightmost entry is the real client; anything left of it came from the client and proves nothing.
 */
export function clientAddress(facts: Pick<RequestFacts, "headers" | "socketAddress">, trustProxy: boolean): string {
  const forwarded = header(facts.headers, "x-forwarded-for");
  if (trustProxy && forwarded) {
    const last = forwarded.split(",").at(-1)!.trim();
    if (last) return last.replace(/^::ffff:/, "");
  }
  return (facts.socketAddress ?? "unknown").replace(/^::ffff:/, "");
}

const refuse = (pathname: string, failure: ApiFailure): Refusal => ({ status: failure.status, body: errorBodyForPath(pathname, failure) });

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function guardRequest(facts: RequestFacts, publicUrl: string, uploadLimits: UploadLimits): Refusal | null {
  const verdict = checkOrigin({ method: facts.method, origin: header(facts.headers, "origin"), host: header(facts.headers, "host"), secFetchSite: header(facts.headers, "sec-fetch-site"), publicUrl });
  if (!verdict.allowed) return refuse(facts.pathname, { status: 403, code: "FORBIDDEN", message: "Cross-origin request refused", details: [{ field: "origin", message: verdict.reason }] });

  const limit = bodyLimitFor(facts.method, facts.pathname, uploadLimits);
  const length = header(facts.headers, "content-length");
  const chunked = /chunked/i.test(header(facts.headers, "transfer-encoding") ?? "");
  if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > limit)) {
    return refuse(facts.pathname, { status: 413, code: "PAYLOAD_TOO_LARGE", message: `Request body is larger than ${limit} bytes` });
  }
  if (chunked && length === undefined && BODY_METHODS.has(facts.method.toUpperCase())) {
    return refuse(facts.pathname, { status: 411, code: "LENGTH_REQUIRED", message: "Send the body with a Content-Length" });
  }
  return null;
}
