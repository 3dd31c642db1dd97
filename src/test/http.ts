/** Requests for calling a surface's dispatcher directly in integration tests (no Next server). */
let addressCounter = 0;

/** A fresh client address per call unless one is given, so rate limits and throttles stay per test. */
export function apiRequest(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; ip?: string; rawBody?: string } = {}): Request {
  const headers = new Headers({ "x-rmm-client-ip": init.ip ?? `192.0.2.${(++addressCounter % 250) + 1}`, ...init.headers });
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  return new Request(new URL(url, "http://localhost:3000"), { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}
