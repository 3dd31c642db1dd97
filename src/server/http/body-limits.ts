/**
 * How large a request body may be, per path, in one place: 1 MiB for everything, except the two
 * file uploads, whose limits are settings (`FILE_UPLOAD_MAX_BYTES` for the streamed multipart
 * upload, `FILE_UPLOAD_JSON_MAX_BYTES` for the base64 JSON one). The web server refuses a larger
 * declared length before reading a byte (request-guard.ts); the routes cap what they read with the
 * same numbers.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export type UploadLimits = { FILE_UPLOAD_MAX_BYTES: number; FILE_UPLOAD_JSON_MAX_BYTES: number };

// Spec 000's root path is rewritten to /api/rmm by Next; a client may call either.
const JSON_UPLOAD_PATH = /^(?:\/api\/rmm)?\/files\/[^/]+\/upload\/?$/;
const MULTIPART_UPLOAD_PATH = /^\/api\/agents\/[^/]+\/files\/?$/;

export function bodyLimitFor(method: string, pathname: string, limits: UploadLimits): number {
  if (method.toUpperCase() !== "POST") return DEFAULT_BODY_LIMIT_BYTES;
  if (MULTIPART_UPLOAD_PATH.test(pathname)) return limits.FILE_UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD_BYTES;
  if (JSON_UPLOAD_PATH.test(pathname)) return limits.FILE_UPLOAD_JSON_MAX_BYTES;
  return DEFAULT_BODY_LIMIT_BYTES;
}

/** Room for the multipart boundaries, part headers and the `dest` field around the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
