/**
 * Next.js drops `Content-Length` from the answers of route handlers (send-response.ts), so a
 * streamed download would reach clients without its size: no progress bar, and a transfer cut
 * short would look complete to a client that does not check chunked framing. A download names its
 * size in `X-File-Size`; the web server turns that back into `Content-Length` as Next writes the
 * headers.
 */
import type { ServerResponse } from "node:http";

export const FILE_SIZE_HEADER = "x-file-size";

type HeaderWriter = (name: string, value: number | string | readonly string[]) => ServerResponse;

export function restoreContentLength(response: ServerResponse): void {
  for (const method of ["setHeader", "appendHeader"] as const) {
    const original = response[method].bind(response) as HeaderWriter;
    response[method] = ((name: string, value: number | string | readonly string[]) => {
      if (name.toLowerCase() === FILE_SIZE_HEADER && /^\d+$/.test(String(value)) && !response.hasHeader("content-length")) original("content-length", String(value));
      return original(name, value);
    }) as never;
  }
}
