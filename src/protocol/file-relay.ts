/**
 * The gateway's file relay, as the web process uses it (HTTP on the gateway's port, authenticated
 * with a relay token: src/server/auth/relay-tokens.ts):
 *
 * - `GET /relay/downloads/{transferId}`: 200 at once, then the file's bytes as the agent sends
 *   them; the outcome follows in trailers: the byte count and SHA-256 the agent reports, or an error.
 * - `PUT /relay/uploads/{transferId}` with `Expect: 100-continue`: 100 once the transfer is
 *   registered (the web process then asks the agent for `file-stream-upload`), then the body is
 *   read as fast as the agent takes it; the answer is `{ bytes }` written, or `{ error }`.
 */
import { z } from "zod";
import { transferId } from "./file-stream";
import { fileSize } from "./files";
import { sha256Hex } from "./lifecycle";

export type RelayDirection = "download" | "upload";

const PATHS: Record<RelayDirection, string> = { download: "/relay/downloads/", upload: "/relay/uploads/" };
export const RELAY_METHODS: Record<RelayDirection, "GET" | "PUT"> = { download: "GET", upload: "PUT" };

export function relayPath(direction: RelayDirection, id: string): string {
  return `${PATHS[direction]}${id}`;
}

/** The direction and transfer id of a relay path; null for any other path. */
export function parseRelayPath(pathname: string): { direction: RelayDirection; transferId: string } | null {
  for (const direction of ["download", "upload"] as const) {
    if (!pathname.startsWith(PATHS[direction])) continue;
    const id = transferId.safeParse(pathname.slice(PATHS[direction].length));
    return id.success ? { direction, transferId: id.data.toLowerCase() } : null;
  }
  return null;
}

export const RELAY_TRAILERS = { bytes: "x-relay-bytes", sha256: "x-relay-sha256", error: "x-relay-error" } as const;

/** A relayed download's trailers: what the agent says it sent, or why the transfer failed. */
export const relayDownloadOutcome = z.union([
  z.object({ [RELAY_TRAILERS.error]: z.string().min(1) }).transform((trailers) => ({ ok: false as const, error: trailers[RELAY_TRAILERS.error] })),
  z.object({ [RELAY_TRAILERS.bytes]: z.coerce.number().pipe(fileSize), [RELAY_TRAILERS.sha256]: sha256Hex }).transform((trailers) => ({ ok: true as const, bytes: trailers[RELAY_TRAILERS.bytes], sha256: trailers[RELAY_TRAILERS.sha256] })),
]);

/** The answer to a relayed upload (and to any refused relay request). */
export const relayAnswer = z.union([z.object({ bytes: fileSize }), z.object({ error: z.string() })]);
export type RelayAnswer = z.infer<typeof relayAnswer>;
