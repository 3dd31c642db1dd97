/** A JSON POST sent from a chosen loopback address (127.0.0.0/8), to test per-address rules. */
import http from "node:http";
import { E2E } from "./env";

export function postFrom(localAddress: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: E2E.port, path, method: "POST", localAddress, headers: { "content-type": "application/json", ...headers } },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, retryAfter: String(response.headers["retry-after"] ?? "") }));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}
