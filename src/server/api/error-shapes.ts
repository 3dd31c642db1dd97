/**
 * The error bodies of the REST surfaces, pure so that the web server's own guards (origin check,
 * body limits) answer each surface in its shape before a request ever reaches its dispatcher.
 */
import type { ApiFailure } from "./failure";

type Shape = (failure: ApiFailure) => unknown;

/** Spec 000 and /api/agents: `{ error, details? }`. */
export const errorWithDetails: Shape = (failure) => (failure.details ? { error: failure.message, details: failure.details } : { error: failure.message });

/** /api/v1: `{ detail, status: "error", code, details? }`. */
export const slimRmmError: Shape = (failure) => ({ detail: failure.message, status: "error", code: failure.code, ...(failure.details ? { details: failure.details } : {}) });

/** /api/v3: `{ detail }`, the field problems folded into the one message. */
export const tacticalError: Shape = (failure) => ({
  detail: failure.details?.length ? `${failure.message}: ${failure.details.map((d) => `${d.field} ${d.message}`).join("; ")}` : failure.message,
});

/** The error shape of whichever surface a path belongs to (spec 000's for everything else). */
export function errorBodyForPath(pathname: string, failure: ApiFailure): unknown {
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return slimRmmError(failure);
  if (pathname === "/api/v3" || pathname.startsWith("/api/v3/")) return tacticalError(failure);
  return errorWithDetails(failure);
}
